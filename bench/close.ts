/**
 * Month close for many branches × 30 members on the embedded store: seeds branches, members and
 * open rounds, then closes every round (results with the published organisation suggestion) with
 * a few closes in flight, as the worker would at 09:00 on the 1st. Prints elapsed time and the
 * cost per member at each size (it should stay flat as the store grows). Sizes from
 * BENCH_BRANCHES (default "1000,10000"); MONGODB_URI measures another server.
 */
import { startBenchStore } from './support/store.js';
import { benchMember, inBatches } from './support/seed.js';
import mongoose, { Types } from 'mongoose';
import { createModels, syncIndexes } from '../src/db/models/index.js';
import { createRatingService } from '../src/services/rating-service.js';

const SIZES = (process.env.BENCH_BRANCHES ?? '1000,10000').split(',').map(Number);
const MEMBERS = 30;
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 8);
const MONTH = '2026-11';

async function run(uri: string, branches: number) {
  const conn = await mongoose
    .createConnection(uri, { dbName: `bench_close_${branches}_${Date.now()}` })
    .asPromise();
  const models = createModels(conn);
  await syncIndexes(models);
  const seedStart = Date.now();
  const ids = Array.from({ length: branches }, () => new Types.ObjectId());
  const joined = new Date('2026-01-01T00:00:00Z');
  await inBatches(ids, 1000, (b) =>
    models.Branch.insertMany(
      b.map((_id, i) => ({
        _id,
        chatId: -1_000_000_000 - Math.floor(Math.random() * 1e12) - i,
        name: '支部',
        unit: '中心',
        secretaryId: 1,
      })),
    ),
  );
  const members = ids.flatMap((branchId) =>
    Array.from({ length: MEMBERS }, (_, k) => benchMember(branchId, k, joined, { stars: k % 6 })),
  );
  await inBatches(members, 5000, (b) => models.Member.insertMany(b, { lean: true }));
  await inBatches(ids, 1000, (b) =>
    models.RatingRound.insertMany(
      b.map((branchId) => ({ branchId, month: MONTH, status: 'open', openedAt: joined })),
    ),
  );
  const seedSecs = (Date.now() - seedStart) / 1000;

  const ratings = createRatingService({ models, clock: () => new Date() });
  const asOf = new Date('2026-12-01T01:00:00Z');
  const start = Date.now();
  let next = 0;
  let results = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let i = next++; i < ids.length; i = next++) {
        const { created } = await ratings.close(ids[i]!, MONTH, { asOf });
        results += created;
      }
    }),
  );
  const secs = (Date.now() - start) / 1000;
  const stored = await models.RatingResult.estimatedDocumentCount();
  await conn.dropDatabase();
  await conn.close();
  return { branches, members: branches * MEMBERS, seedSecs, secs, results, stored };
}

const server = await startBenchStore('close');
try {
  console.log('branches | members | seed s | close s | results | µs per member | members/s');
  for (const size of SIZES) {
    const r = await run(server.uri, size);
    const per = (r.secs * 1e6) / r.members;
    console.log(
      `${r.branches} | ${r.members} | ${r.seedSecs.toFixed(1)} | ${r.secs.toFixed(1)} | ${r.results} (${r.stored} stored) | ${per.toFixed(0)} | ${(r.members / r.secs).toFixed(0)}`,
    );
  }
  console.log('target: 10,000 branches × 30 members closed in under 60 s, flat cost per member');
} finally {
  await server.stop();
}
