import { describe, expect, it } from 'vitest';
import {
  deedButtons,
  feedbackButtons,
  languageButtons,
  memberButtons,
  objectionButtons,
  plateButtons,
  pledgeButtons,
  progressButtons,
  roundCloseButtons,
  standardButtons,
} from '../../src/bot/callback-data/buttons.js';
import { packAppraisal } from '../../src/bot/features/appraisal-data.js';
import { packSettings } from '../../src/bot/features/settings-data.js';
import { packTopTen } from '../../src/bot/features/top-ten-data.js';
import { nextBallotButton } from '../../scenes/rating-ballot.js';

const ID = '0123456789abcdef01234567';
const ALL = [pledgeButtons, deedButtons, memberButtons, feedbackButtons, objectionButtons];

describe('record buttons (callback data)', () => {
  it.each(ALL.flatMap((b) => b.kinds.map((k) => [k, b] as const)))(
    '%s packs within 64 bytes, reads back and matches its own filter only',
    (kind, buttons) => {
      const data = buttons.pack(kind as never, ID);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(buttons.unpack(data)).toEqual({ kind, id: ID });
      expect(
        buttons
          .filter(kind as never)
          .exec(data)
          ?.slice(1),
      ).toEqual([kind, ID]);
      for (const other of buttons.kinds.filter((k) => k !== kind))
        expect(buttons.filter(other as never).test(data)).toBe(false);
    },
  );

  it('no two features share a kind (a press reaches one handler)', () => {
    const kinds = ALL.flatMap((b) => [...b.kinds]);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it.each([`pa:${ID.slice(1)}`, `pa:${ID}x`, `pz:${ID}`, `pa:${ID.toUpperCase()}`, 'pa:', `obj:${ID}:1`])(
    'refuses %s',
    (data) => {
      for (const b of ALL) expect(b.unpack(data)).toBeNull();
    },
  );

  it('packs only record ids', () => {
    expect(() => pledgeButtons.pack('pa', 'not-an-id')).toThrow();
  });

  it.each([1, 999_999])('a standard button of revision %i fits and reads back', (revision) => {
    for (const kind of standardButtons.kinds) {
      const data = standardButtons.pack({ kind, id: ID, revision });
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(standardButtons.filter.test(data)).toBe(true);
      expect(standardButtons.unpack(data)).toEqual({ kind, id: ID, revision });
    }
    expect(standardButtons.unpack(`sx:${ID}:1`)).toBeNull();
    expect(standardButtons.unpack(`sa:${ID}:1234567`)).toBeNull();
  });
});

describe('language buttons', () => {
  it.each(['zh', 'en'] as const)('%s packs, reads back and matches', (locale) => {
    const data = languageButtons.pack(locale);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(languageButtons.unpack(data)).toBe(locale);
    expect(languageButtons.filter.test(data)).toBe(true);
  });
  it.each(['lang:fr', 'lang:', 'lang:zhx', 'pa:zh'])('refuses %s', (data) => {
    expect(languageButtons.unpack(data)).toBeNull();
  });
});

describe('plate, round-close, progress and next-ballot buttons', () => {
  const OTHER = 'fedcba9876543210fedcba98';
  it.each(plateButtons.kinds)('plate %s packs within 64 bytes, reads back and matches', (kind) => {
    const data = plateButtons.pack({ kind, branchId: ID, memberId: OTHER });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(plateButtons.filter.test(data)).toBe(true);
    expect(plateButtons.unpack(data)).toEqual({ kind, branchId: ID, memberId: OTHER });
  });
  it.each([`pf:${ID}`, `pz:${ID}-${OTHER}`, `pb:${ID}-${OTHER}-${OTHER}`, `pf:${ID}_${OTHER}`])(
    'a plate button refuses %s',
    (data) => expect(plateButtons.unpack(data)).toBeNull(),
  );

  it.each([true, false])('round close (close now: %s) packs, reads back and matches', (close) => {
    const data = roundCloseButtons.pack({ close, month: '2026-12' });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(roundCloseButtons.filter.test(data)).toBe(true);
    expect(roundCloseButtons.unpack(data)).toEqual({ close, month: '2026-12' });
  });
  it.each(['rclose:x:2026-12', 'rclose:y:2026-13', 'rclose:y:2026-1', 'rclose:y:'])(
    'round close refuses %s',
    (data) => expect(roundCloseButtons.unpack(data)).toBeNull(),
  );

  it('progress refresh fits and matches only itself', () => {
    expect(Buffer.byteLength(progressButtons.refresh)).toBeLessThanOrEqual(64);
    expect(progressButtons.filter.test(progressButtons.refresh)).toBe(true);
    expect(progressButtons.filter.test(`${progressButtons.refresh}x`)).toBe(false);
  });

  it('next ballot packs within 64 bytes, reads back and matches; refuses others', () => {
    const data = nextBallotButton.pack(ID);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(nextBallotButton.filter.test(data)).toBe(true);
    expect(nextBallotButton.unpack(data)).toBe(ID);
    expect(nextBallotButton.unpack(`rbn:${ID.slice(1)}`)).toBeNull();
  });
});

describe("every feature's callback data", () => {
  /** One packed press of each feature's kinds: what comes before the first ':' names the kind. */
  const samples = [
    ...ALL.flatMap((b) => b.kinds.map((k) => b.pack(k as never, ID))),
    ...standardButtons.kinds.map((kind) => standardButtons.pack({ kind, id: ID, revision: 1 })),
    languageButtons.pack('zh'),
    ...plateButtons.kinds.map((kind) => plateButtons.pack({ kind, branchId: ID, memberId: ID })),
    roundCloseButtons.pack({ close: true, month: '2026-12' }),
    progressButtons.refresh,
    nextBallotButton.pack(ID),
    packAppraisal({ kind: 'change', appraisalId: ID }),
    packAppraisal({ kind: 'set', appraisalId: ID, category: 'excellent' }),
    packAppraisal({ kind: 'publish', branchId: ID, year: 2026 }),
    packTopTen({ kind: 'toggle', voteId: ID, mask: 1 }),
    packTopTen({ kind: 'cast', voteId: ID, mask: 1 }),
    packSettings({ kind: 'list' }),
  ];
  it('no two kinds share a prefix, so a press reaches one feature', () => {
    const prefixes = samples.map((d) => d.split(':', 1)[0]);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});
