/**
 * Canonical string keys for BSON values: two values get the same key exactly when MongoDB treats
 * them as equal in an index (1, 1.0, Long(1) and Decimal128("1") share a key). Used for the `_id`
 * map and every index map, so point lookups are hash lookups.
 */
type Bsonish = { _bsontype?: string };

function numberKey(v: unknown): string {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nNaN';
    return Object.is(v, -0) ? 'n0' : `n${v}`;
  }
  const s = String(v);
  if ((v as Bsonish)._bsontype === 'Long') {
    const n = Number(s);
    return Number.isSafeInteger(n) ? `n${n}` : `n${s}`;
  }
  // Decimal128: use the double form when it round-trips exactly, else a normalized decimal string.
  const n = Number(s);
  if (s === 'NaN' || s === '-NaN') return 'nNaN';
  if (!Number.isFinite(n)) return `n${n}`;
  if (String(n) === s || (Number.isInteger(n) && BigInt(n).toString() === s)) return `n${n}`;
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:E([+-]?\d+))?$/i.exec(s);
  if (!m) return `nd${s}`;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const whole = (m[2] ?? '').replace(/^0+/, '');
  return `nd${m[1]}${whole || '0'}.${frac}e${m[4] ?? 0}`;
}

export function valueKey(v: unknown): string {
  if (v === null || v === undefined) return 'z';
  switch (typeof v) {
    case 'string':
      return `s${v}`;
    case 'number':
      return numberKey(v);
    case 'boolean':
      return v ? 'b1' : 'b0';
    case 'bigint':
      return numberKey(
        Number.isSafeInteger(Number(v)) ? Number(v) : { _bsontype: 'Long', toString: () => String(v) },
      );
  }
  if (Array.isArray(v)) return `[${v.map(valueKey).join(',')}]`;
  if (v instanceof Date) return `t${v.getTime()}`;
  if (v instanceof RegExp) return `r/${v.source}/${v.flags}`;
  const t = (v as Bsonish)._bsontype;
  switch (t) {
    case 'ObjectId':
      return `o${(v as { toHexString(): string }).toHexString()}`;
    case 'Long':
    case 'Decimal128':
    case 'Double':
    case 'Int32':
      return t === 'Double' || t === 'Int32'
        ? numberKey(Number((v as { value: number }).value))
        : numberKey(v);
    case 'Binary': {
      const b = v as { sub_type: number; buffer: Uint8Array };
      return `x${b.sub_type}:${Buffer.from(b.buffer).toString('base64')}`;
    }
    case 'MinKey':
    case 'MaxKey':
      return t;
    case undefined:
      break;
    default:
      return `${t}:${String(v)}`;
  }
  if (v instanceof Uint8Array) return `x0:${Buffer.from(v).toString('base64')}`;
  const o = v as Record<string, unknown>;
  let out = '{';
  for (const k of Object.keys(o)) {
    if (o[k] === undefined) continue;
    out += `${JSON.stringify(k)}:${valueKey(o[k])},`;
  }
  return `${out}}`;
}
