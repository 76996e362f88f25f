import type { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { DEEP_LINKS, kindOf, type DeepLink } from '../domain/deep-links.js';
import { ServiceError } from '../services/errors.js';

/** What a feature does when its deep link is opened (`/start <param>` in private), as data. */
export interface DeepLinkRoute {
  readonly kind: string;
  /** See `DeepLink.anonymous`: /start then records nothing about the person. */
  readonly anonymous: boolean;
  open(ctx: BotContext, param: string): Promise<void>;
}

/** A feature's route for one deep link kind: `handle` gets the link's args, read by its definition. */
export function route<Args, In>(
  link: DeepLink<Args, In>,
  handle: (ctx: BotContext, args: Args) => Promise<void>,
): DeepLinkRoute {
  return {
    kind: link.kind,
    anonymous: link.anonymous,
    async open(ctx, param) {
      const args = link.unpack(param);
      // A link of this kind that its definition did not make: cut, stale or forged.
      if (args === undefined) throw new ServiceError('error-action-unavailable');
      await handle(ctx, args);
    },
  };
}

/** The route of a start parameter, by its kind; undefined for plain /start or an unknown kind. */
export type DeepLinkRouter = (param: string) => DeepLinkRoute | undefined;

/**
 * One router for /start, composed once at start-up from every feature's routes, which must route
 * each kind of `defined` (all of src/domain/deep-links.ts) exactly once. Start-up stops, naming the
 * kind, on a wiring mistake: a kind routed twice (one of the two would never run), a kind with no
 * route (its buttons would open the welcome), or a route for a kind missing from `DEEP_LINKS` (it
 * would escape the test of Telegram's rule).
 */
export function deepLinkRouter(
  routes: readonly DeepLinkRoute[],
  defined: readonly { kind: string }[] = DEEP_LINKS,
): DeepLinkRouter {
  const byKind = new Map<string, DeepLinkRoute>();
  for (const r of routes) {
    if (byKind.has(r.kind)) throw new Error(`deep link kind '${r.kind}' is routed by two features`);
    if (!defined.some((l) => l.kind === r.kind))
      throw new Error(`deep link kind '${r.kind}' is routed but not listed in DEEP_LINKS`);
    byKind.set(r.kind, r);
  }
  const unrouted = defined.filter((l) => !byKind.has(l.kind)).map((l) => `'${l.kind}'`);
  if (unrouted.length) throw new Error(`deep link kinds with no route: ${unrouted.join(', ')}`);
  return (param) => (param ? byKind.get(kindOf(param)) : undefined);
}

/** A feature with deep links: its Composer and its routes, which createBot gives the router. */
export interface LinkedFeature {
  composer: Composer<BotContext>;
  links: readonly DeepLinkRoute[];
}
