/**
 * BSON comparison order (https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/):
 * MinKey < null/missing < numbers < strings < objects < arrays < binary < ObjectId < booleans < dates
 * < timestamps < regular expressions < MaxKey. Numbers compare by value across int/long/double/decimal.
 */
type Bsonish = { _bsontype?: string } & Record<string, unknown>;

export const MISSING: unique symbol = Symbol('missing');

export function typeRank(v: unknown): number {
  if (v === undefined || v === null || v === MISSING) return 2;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
  }
  if (Array.isArray(v)) return 6;
  if (v instanceof Date) return 10;
  if (v instanceof RegExp) return 12;
  if (v instanceof Uint8Array) return 7;
  switch ((v as Bsonish)._bsontype) {
    case 'MinKey':
      return 1;
    case 'Long':
    case 'Decimal128':
    case 'Double':
    case 'Int32':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'MaxKey':
      return 13;
  }
  return 5;
}

/** Exact-ish numeric form: a JS number when exact, else a bigint (integers) or a decimal string. */
function numParts(v: unknown): { approx: number; big?: bigint; dec?: string } {
  if (typeof v === 'number') return { approx: v };
  if (typeof v === 'bigint') return { approx: Number(v), big: v };
  const t = (v as Bsonish)._bsontype;
  const s = String(v);
  if (t === 'Long') return { approx: Number(s), big: BigInt(s) };
  if (t === 'Decimal128') {
    const approx = s === 'NaN' ? NaN : s.endsWith('Infinity') ? Number(s) : Number(s);
    return { approx, dec: s };
  }
  return { approx: Number((v as { valueOf(): unknown }).valueOf()) };
}

/** Compares two finite decimal strings exactly (scientific notation allowed). */
function compareDecimalStrings(a: string, b: string): number {
  const parse = (s: string) => {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!m) return { sign: 1n, coef: 0n, exp: 0 };
    const frac = m[3] ?? '';
    return {
      sign: m[1] === '-' ? -1n : 1n,
      coef: BigInt((m[2] ?? '') + frac || '0'),
      exp: Number(m[4] ?? 0) - frac.length,
    };
  };
  const x = parse(a);
  const y = parse(b);
  const e = Math.min(x.exp, y.exp);
  const xv = x.sign * x.coef * 10n ** BigInt(x.exp - e);
  const yv = y.sign * y.coef * 10n ** BigInt(y.exp - e);
  return xv < yv ? -1 : xv > yv ? 1 : 0;
}

function toDecimalString(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  return String(v);
}

export function compareNumbers(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return cmpNum(a, b);
  const x = numParts(a);
  const y = numParts(b);
  if (Number.isNaN(x.approx) || Number.isNaN(y.approx) || x.approx !== y.approx)
    return cmpNum(x.approx, y.approx);
  if (!Number.isFinite(x.approx)) return 0;
  // Equal as doubles: settle exactly. Rounding is monotone, so unequal doubles already decided.
  if (x.dec === undefined && y.dec === undefined) {
    const xi = x.big ?? (Number.isInteger(x.approx) ? BigInt(x.approx) : undefined);
    const yi = y.big ?? (Number.isInteger(y.approx) ? BigInt(y.approx) : undefined);
    if (xi !== undefined && yi !== undefined) return xi < yi ? -1 : xi > yi ? 1 : 0;
    return 0;
  }
  return compareDecimalStrings(x.dec ?? toDecimalString(a), y.dec ?? toDecimalString(b));
}

/** NaN sorts below every other number, as in MongoDB. */
function cmpNum(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Binary (code point / UTF-8 byte order) string comparison. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca < 0xd800 && cb < 0xd800) return ca < cb ? -1 : 1;
    const pa = a.codePointAt(i) ?? 0;
    const pb = b.codePointAt(i) ?? 0;
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return Buffer.compare(a, b);
}

/** Total order over BSON values (arrays compared element-wise, objects field by field). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
    case 2:
    case 13:
      return 0;
    case 3:
      return compareNumbers(a, b);
    case 4:
      return compareStrings(String(a), String(b));
    case 5:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    case 6: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c) return c;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
    case 7: {
      const x = a instanceof Uint8Array ? a : (a as { buffer: Uint8Array; sub_type: number }).buffer;
      const y = b instanceof Uint8Array ? b : (b as { buffer: Uint8Array; sub_type: number }).buffer;
      if (x.length !== y.length) return x.length < y.length ? -1 : 1;
      const sa = (a as { sub_type?: number }).sub_type ?? 0;
      const sb = (b as { sub_type?: number }).sub_type ?? 0;
      return sa !== sb ? (sa < sb ? -1 : 1) : compareBytes(x, y);
    }
    case 8:
      return compareBytes((a as { id: Uint8Array }).id, (b as { id: Uint8Array }).id);
    case 9:
      return a === b ? 0 : a ? 1 : -1;
    case 10:
      return cmpNum((a as Date).getTime(), (b as Date).getTime());
    case 11: {
      const x = BigInt.asUintN(64, BigInt(String(a)));
      const y = BigInt.asUintN(64, BigInt(String(b)));
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 12: {
      const x = a as { source?: string; pattern?: string; flags?: string; options?: string };
      const y = b as typeof x;
      return (
        compareStrings(x.source ?? x.pattern ?? '', y.source ?? y.pattern ?? '') ||
        compareStrings(x.flags ?? x.options ?? '', y.flags ?? y.options ?? '')
      );
    }
  }
  return 0;
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const x = a[ka[i] as string];
    const y = b[kb[i] as string];
    const r = typeRank(x) - typeRank(y);
    if (r) return r < 0 ? -1 : 1;
    const c = compareStrings(ka[i] as string, kb[i] as string) || compareValues(x, y);
    if (c) return c;
  }
  return ka.length === kb.length ? 0 : ka.length < kb.length ? -1 : 1;
}

/** True when MongoDB's type bracketing lets `$gt`/`$lt` compare a and b. */
export function sameBracket(a: unknown, b: unknown): boolean {
  return typeRank(a) === typeRank(b);
}
