/** MongoDB's operand type errors, which mingo's updater silently skips. */
import type { Doc } from './codec.js';
import { badValue, typeMismatch } from './errors.js';
import { formatValue } from './indexes.js';
import { getPath } from './paths.js';

const NUMERIC_BSON = new Set(['Long', 'Decimal128', 'Int32', 'Double']);

export function isNumeric(v: unknown): boolean {
  return (
    typeof v === 'number' ||
    (typeof v === 'object' && v !== null && NUMERIC_BSON.has((v as { _bsontype?: string })._bsontype ?? ''))
  );
}

export function bsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? 'int' : 'double';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
  }
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === 'ObjectId') return 'objectId';
  if (t === 'Long') return 'long';
  if (t === 'Decimal128') return 'decimal';
  if (t === 'Binary') return 'binData';
  return t ? t.toLowerCase() : 'object';
}

function idText(doc: Doc): string {
  return `{_id: ${formatValue(doc._id)}}`;
}

export function checkOperandTypes(doc: Doc, modifier: Doc): void {
  for (const op of ['$inc', '$mul']) {
    const arg = modifier[op] as Doc | undefined;
    if (!arg) continue;
    for (const [path, val] of Object.entries(arg)) {
      const verb = op === '$inc' ? 'increment' : 'multiply';
      if (!isNumeric(val))
        throw typeMismatch(`Cannot ${verb} with non-numeric argument: {${path}: ${formatValue(val)}}`);
      if (typeof val !== 'number')
        throw badValue(
          `${op} with a ${bsonTypeName(val)} argument is not supported by the embedded MongoDB server`,
        );
      const cur = getPath(doc, path);
      if (cur === undefined || path.includes('$')) continue;
      if (!isNumeric(cur)) {
        throw typeMismatch(
          `Cannot apply ${op} to a value of non-numeric type. ${idText(doc)} has the field '${path.split('.').pop()}' of non-numeric type ${bsonTypeName(cur)}`,
        );
      }
      if (typeof cur !== 'number')
        throw badValue(
          `${op} on a ${bsonTypeName(cur)} value is not supported by the embedded MongoDB server`,
        );
    }
  }
  for (const op of ['$push', '$addToSet']) {
    const arg = modifier[op] as Doc | undefined;
    for (const path of Object.keys(arg ?? {})) {
      const cur = getPath(doc, path);
      if (cur !== undefined && !path.includes('$') && !Array.isArray(cur)) {
        throw badValue(
          `The field '${path}' must be an array but is of type ${bsonTypeName(cur)} in document ${idText(doc)}`,
        );
      }
    }
  }
  for (const op of ['$pull', '$pullAll', '$pop']) {
    const arg = modifier[op] as Doc | undefined;
    for (const path of Object.keys(arg ?? {})) {
      const cur = getPath(doc, path);
      if (cur !== undefined && !path.includes('$') && !Array.isArray(cur)) {
        throw badValue(`Cannot apply ${op} to a non-array value`);
      }
    }
  }
}
