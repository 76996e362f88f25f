import { describe, expect, it } from 'vitest';
import {
  deedButtons,
  feedbackButtons,
  languageButtons,
  memberButtons,
  objectionButtons,
  pledgeButtons,
  standardButtons,
} from '../../src/bot/callback-data/buttons.js';

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
