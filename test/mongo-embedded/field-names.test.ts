import { randomUUID } from 'node:crypto';
import { DBRef, MongoClient, Timestamp, type Collection, type Document } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mongoUri } from '../support/mongo.js';

// Field names as MongoDB 7.0 stores them: the manual's "Field Names with Periods and Dollar
// Signs" (its examples are the rows below) and the server's storage validation (52
// DollarPrefixedFieldName, 53 InvalidIdField). Runs against the shared store: the embedded
// server, or a real MongoDB when MONGODB_URI is set, which must give the same answers.
type Outcome = { stored: Document } | { code: number; message?: RegExp };
type Loose = { _id: string | number | Document | unknown[] | RegExp; [field: string]: unknown };
type Row = [string, (c: Collection<Loose>) => Promise<unknown>, Outcome];

const housing = { _id: 'E123', address: { $number: 123, $street: 'Elm Road' }, $rooms: { br: 2, bath: 1 } };
const byId = (id: unknown) => ({ _id: id }) as Document;

const inserts: Row[] = [
  [
    'a top-level $ name',
    (c) => c.insertOne({ _id: 1, $price: 50, quantity: 30 }),
    { stored: { _id: 1, $price: 50, quantity: 30 } },
  ],
  [
    'reserved words as $ names',
    (c) =>
      c.insertOne({ _id: 2, $id: 'h1961-01', location: { $db: 'novels', $ref: '2007042768', $inc: true } }),
    { stored: { _id: 2, $id: 'h1961-01', location: { $db: 'novels', $ref: '2007042768', $inc: true } } },
  ],
  [
    'a dotted name',
    (c) => c.insertOne({ _id: 3, 'price.usd': 45.99 }),
    { stored: { _id: 3, 'price.usd': 45.99 } },
  ],
  [
    'a DBRef as _id',
    (c) => c.insertOne({ _id: { $ref: 'c', $id: 1 } as never }),
    { stored: { _id: new DBRef('c', 1 as never) } },
  ],
  [
    '$ inside _id',
    (c) => c.insertOne({ _id: { $a: 1 } as never }),
    { code: 52, message: /_id fields may not contain '\$'-prefixed fields: \$a/ },
  ],
  ['$ deep inside _id', (c) => c.insertOne({ _id: { k: [{ $a: 1 }] } as never }), { code: 52 }],
  [
    'an array _id',
    (c) => c.insertOne({ _id: [1, 2] as never }),
    { code: 53, message: /cannot be of type array/ },
  ],
  [
    'a regex _id',
    (c) => c.insertOne({ _id: /x/ as never }),
    { code: 53, message: /cannot be of type regex/ },
  ],
];

const updates: Row[] = [
  [
    'replace keeping nested $ names',
    (c) => c.replaceOne(byId('E123'), { address: { $number: 123, $street: 'Elm Ave' } }),
    { stored: { _id: 'E123', address: { $number: 123, $street: 'Elm Ave' } } },
  ],
  [
    'replace with a top-level $ name',
    (c) => c.replaceOne(byId('E123'), { address: {}, $rooms: { br: 3 } }),
    { code: 52, message: /'\$rooms' in '\$rooms' is not allowed/ },
  ],
  [
    '$set of a top-level $ name in an existing document',
    (c) => c.updateOne(byId('E123'), { $set: { $hotel: 320.1 } }),
    { code: 52 },
  ],
  [
    '$set of a nested $ name',
    (c) => c.updateOne(byId('E123'), { $set: { address: { $street: 'Oak' } } }),
    { stored: { ...housing, address: { $street: 'Oak' } } },
  ],
  [
    'a pipeline writing a $ name with $setField',
    (c) =>
      c.updateOne(byId('E123'), [
        { $replaceWith: { $setField: { field: { $literal: '$rooms' }, input: '$$ROOT', value: { br: 3 } } } },
      ]),
    { stored: { ...housing, $rooms: { br: 3 } } },
  ],
  [
    'an upsert creating a $ name',
    (c) => c.updateOne(byId('new'), { $set: { phone: 25.17, $hotel: 320.1 } }, { upsert: true }),
    { stored: { _id: 'new', phone: 25.17, $hotel: 320.1 } },
  ],
  [
    'a replacing upsert with a top-level $ name',
    (c) => c.replaceOne(byId('new'), { a: 1, $b: 2 }, { upsert: true }),
    { stored: { _id: 'new', a: 1, $b: 2 } },
  ],
  [
    'an upsert with $ inside _id',
    (c) => c.updateOne({ x: 'none' }, { $set: { _id: { $a: 1 } } }, { upsert: true }),
    { code: 52, message: /'\$a' in '_id\.\$a'/ },
  ],
  [
    'an upsert with $ deeper inside _id (only _id’s own names are checked on updates)',
    (c) =>
      c.findOneAndReplace({ _id: { k: { $invalid: 'v' } } } as Document, { v: 'replaced' }, { upsert: true }),
    { stored: { _id: { k: { $invalid: 'v' } }, v: 'replaced' } },
  ],
  [
    'an upsert setting an array _id',
    (c) => c.updateOne({ x: 'none' }, { $set: { _id: [1] } }, { upsert: true }),
    { code: 53 },
  ],
];

describe('field names as MongoDB 7.0 stores them', () => {
  let client: MongoClient;
  let coll: Collection<Loose>;
  beforeAll(async () => {
    client = await MongoClient.connect(mongoUri());
  });
  afterAll(() => client.close());
  beforeEach(async () => {
    coll = client.db(`fields_${randomUUID().slice(0, 8)}`).collection<Loose>('housing');
    await coll.insertOne(housing);
  });

  async function check(op: Row[1], outcome: Outcome): Promise<void> {
    const before = await coll.find().toArray();
    const res = await op(coll).then(
      () => null,
      (e: { code?: number; message: string }) => e,
    );
    if ('stored' in outcome) {
      expect(res).toBeNull();
      expect(await coll.findOne(byId(outcome.stored._id))).toEqual(outcome.stored);
      return;
    }
    expect(res).toMatchObject({ code: outcome.code });
    if (outcome.message) expect(res?.message).toMatch(outcome.message);
    expect(await coll.find().toArray()).toEqual(before);
  }

  it.each(inserts)('insert: %s', (_label, op, outcome) => check(op, outcome));

  it('insert: fills an empty top-level timestamp with the current one (BSON Types, Timestamps)', async () => {
    const zero = () => new Timestamp({ t: 0, i: 0 });
    await coll.insertOne({ _id: 'ts', top: zero(), nested: { ts: zero() } });
    const stored = await coll.findOne(byId('ts'));
    const now = Math.floor(Date.now() / 1000);
    expect((stored?.top as Timestamp).t).toBeGreaterThan(now - 60);
    expect((stored?.top as Timestamp).t).toBeLessThanOrEqual(now);
    expect((stored?.nested as { ts: Timestamp }).ts).toEqual(zero());
  });
  it.each(updates)('update: %s', (_label, op, outcome) => check(op, outcome));
});
