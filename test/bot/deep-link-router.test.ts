import { describe, expect, it } from 'vitest';
import type { BotContext } from '../../src/context.js';
import { deepLinkRouter, route } from '../../src/bot/deep-link-router.js';
import { feedbackLink, pledgeLink, plateLink } from '../../src/domain/deep-links.js';
import { ServiceError } from '../../src/services/errors.js';

const B = 'ffffffffffffffffffffffff';
const M = '0123456789abcdef01234567';
const ctx = {} as BotContext;

/** The kinds these tests route (the real bot routes every kind of DEEP_LINKS). */
const DEFINED = [pledgeLink, feedbackLink, plateLink];

/** Routes that record what they were opened with. */
function recording() {
  const opened: unknown[] = [];
  const routes = [
    route(pledgeLink, async (_ctx, branchId) => void opened.push(['pl', branchId])),
    route(feedbackLink, async (_ctx, args) => void opened.push(['fb', args])),
    route(plateLink, async (_ctx, args) => void opened.push(['mp', args])),
  ];
  return { opened, routes };
}

describe('the /start router', () => {
  it('hands each link its own args, read by its definition', async () => {
    const { opened, routes } = recording();
    const links = deepLinkRouter(routes, DEFINED);
    for (const param of [pledgeLink.pack(B), feedbackLink.pack({ branchId: B, memberId: M })])
      await links(param)!.open(ctx, param);
    expect(opened).toEqual([
      ['pl', B],
      ['fb', { branchId: B, memberId: M }],
    ]);
  });

  it('knows which kinds are anonymous', () => {
    const links = deepLinkRouter(recording().routes, DEFINED);
    expect(links(feedbackLink.pack({ branchId: B }))?.anonymous).toBe(true);
    expect(links(pledgeLink.pack(B))?.anonymous).toBe(false);
  });

  it('plain /start and unknown kinds have no route', () => {
    const links = deepLinkRouter(recording().routes, DEFINED);
    for (const param of ['', 'hello', `zz_${B}`, `_${B}`]) expect(links(param)).toBeUndefined();
  });

  it.each([`pl_${B.slice(1)}`, 'pl', `mp_${B}`, `fb_${B}-${M}-${M}`])(
    'a link of a known kind its definition did not make (%s) is refused before its handler runs',
    async (param) => {
      const { opened, routes } = recording();
      const found = deepLinkRouter(routes, DEFINED)(param);
      expect(found).toBeDefined();
      const err = await found!.open(ctx, param).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ServiceError);
      expect((err as ServiceError).key).toBe('error-action-unavailable');
      expect(opened).toEqual([]);
    },
  );

  it('a kind routed by two features stops start-up, naming it', () => {
    const { routes } = recording();
    expect(() => deepLinkRouter([...routes, route(pledgeLink, async () => undefined)], DEFINED)).toThrow(
      "deep link kind 'pl' is routed by two features",
    );
  });

  it('a defined kind with no route stops start-up, naming it', () => {
    const { routes } = recording();
    expect(() => deepLinkRouter(routes.slice(1), DEFINED)).toThrow("deep link kinds with no route: 'pl'");
  });

  it('a route for a kind not listed as defined stops start-up (it would escape the rule test)', () => {
    const { routes } = recording();
    expect(() => deepLinkRouter(routes, [pledgeLink, feedbackLink])).toThrow(
      "deep link kind 'mp' is routed but not listed in DEEP_LINKS",
    );
  });

  it('by default every kind of DEEP_LINKS must be routed', () => {
    expect(() => deepLinkRouter(recording().routes)).toThrow(/deep link kinds with no route: 'po', 'dd'/);
  });
});
