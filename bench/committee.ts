/**
 * A committee's comparison and red flag over a big tree on the embedded store: one committee, five
 * general branches of 60 branches each and 200 branches directly under it (500 by default), 30
 * members each with a month's final result, verified deeds and pledge items (some overdue). Times
 * what the comparison job does after the last close — readiness, then the comparison, stars and red
 * flag computed and stored — then the same again (stored answers stand), and the explanation's
 * read, and once more from scratch on the warm store. Prints time (target under 5 s) and memory. BENCH_BRANCHES, MONGODB_URI as in the others.
 */
import mongoose, { Types } from 'mongoose';
import { startBenchStore } from './support/store.js';
import { benchMember, inBatches } from './support/seed.js';
import { createModels, syncIndexes, type Models } from '../src/db/models/index.js';
import { createCommitteeComparison } from '../src/services/committee-comparison.js';
import type { Committee } from '../src/services/committee-service.js';

const BRANCHES = Number(process.env.BENCH_BRANCHES ?? 500);
const MEMBERS = 30;
const GENERALS = 5;
const PER_GENERAL = 60;
const MONTH = '2026-11';
const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;

async function seed(models: Models) {
  const at = new Date('2026-01-01T00:00:00Z');
  const committee = (
    await models.Committee.create({
      chatId: -1,
      kind: 'committee',
      name: '机关党委',
      unit: '机关',
      secretaryId: 1,
    })
  ).toObject() as Committee;
  const generals = await models.Committee.insertMany(
    Array.from({ length: GENERALS }, (_, g) => ({
      chatId: -2 - g,
      kind: 'general',
      name: `第${g + 1}党总支`,
      unit: '中心',
      secretaryId: 2 + g,
    })),
  );
  const ids = Array.from({ length: BRANCHES }, () => new Types.ObjectId());
  await inBatches(ids, 1000, (b) =>
    models.Branch.insertMany(
      b.map((_id) => ({
        _id,
        chatId: -1e9 - Math.floor(Math.random() * 1e12),
        name: `支部${String(_id).slice(-6)}`,
        unit: '中心',
        secretaryId: 1,
      })),
    ),
  );
  const link = (childId: Types.ObjectId, childKind: string, parentId: Types.ObjectId) => ({
    childId,
    childKind,
    parentId,
    current: true,
    from: at,
    inviteCode: 'BENCHSEED',
    confirmedBy: 1,
  });
  await models.Affiliation.insertMany([
    ...generals.map((g) => link(g._id, 'general', committee._id)),
    ...ids.map((id, i) => {
      const g = Math.floor(i / PER_GENERAL);
      return link(id, 'branch', g < GENERALS ? generals[g]!._id : committee._id);
    }),
  ]);
  const memberIds = ids.map(() => Array.from({ length: MEMBERS }, () => new Types.ObjectId()));
  await inBatches(
    ids.flatMap((branchId, b) =>
      memberIds[b]!.map((_id, k) => benchMember(branchId, k, at, { _id, realName: `党员${b}-${k}` })),
    ),
    5000,
    (b) => models.Member.insertMany(b, { lean: true }),
  );
  const rounds = await models.RatingRound.insertMany(
    ids.map((branchId) => ({ branchId, month: MONTH, status: 'final', openedAt: at })),
  );
  const results = ids.flatMap((branchId, b) =>
    memberIds[b]!.map((memberId, k) => {
      const total = 60 + ((b * 7 + k * 13) % 40);
      return {
        branchId,
        month: MONTH,
        memberId,
        roundId: rounds[b]!._id,
        inputs: { rating: { self: k % 5 === 0 ? null : {} } },
        computation: { total, passed: total >= 80, notes: k % 5 === 0 ? ['self-missing'] : [] },
        after: { stars: k % 6 },
        change: {},
        orgSource: 'suggested',
        status: 'final',
        computedAt: at,
      };
    }),
  );
  await inBatches(results, 5000, (b) => models.RatingResult.insertMany(b, { lean: true }));
  const deeds = ids.flatMap((branchId, b) =>
    memberIds[b]!.slice(0, 10 + (b % 10)).map((memberId, k) => ({
      branchId,
      memberId,
      userId: 10_000 + k,
      what: '帮群众办事',
      date: `${MONTH}-${String(1 + (k % 28)).padStart(2, '0')}`,
      forWhom: '群众',
      peopleHelped: 1,
      status: 'verified',
    })),
  );
  await inBatches(deeds, 5000, (b) => models.Deed.insertMany(b, { lean: true }));
  const items = ids.flatMap((branchId, b) =>
    memberIds[b]!.slice(0, 2 + (b % 3)).map((memberId, k) => ({
      branchId,
      pledgeId: new Types.ObjectId(),
      memberId,
      userId: 10_000 + k,
      year: 2026,
      lead: 'service',
      text: '承诺',
      dueDate: k % 2 ? '2026-11-15' : '2026-12-20',
      status: 'approved',
    })),
  );
  await inBatches(items, 5000, (b) => models.PledgeItem.insertMany(b, { lean: true }));
  return { committee, results: results.length, deeds: deeds.length, items: items.length };
}

const server = await startBenchStore('committee');
const conn = await mongoose
  .createConnection(server.uri, { dbName: `bench_committee_${Date.now()}` })
  .asPromise();
try {
  const models = createModels(conn);
  await syncIndexes(models);
  const seedStart = Date.now();
  const s = await seed(models);
  const seedSecs = (Date.now() - seedStart) / 1000;
  console.log(
    `seeded ${BRANCHES} branches × ${MEMBERS} members: ${s.results} results, ${s.deeds} deeds, ${s.items} pledge items in ${seedSecs.toFixed(1)} s`,
  );
  const svc = createCommitteeComparison({ models, clock: () => new Date() });
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const ready = await svc.readiness(s.committee, MONTH);
  const t1 = performance.now();
  const first = await svc.compute(s.committee, MONTH, { branches: ready.branches });
  const t2 = performance.now();
  const again = await svc.compute(s.committee, MONTH);
  const t3 = performance.now();
  const why = await svc.why(s.committee, { userId: 1, role: 'secretary' });
  const t4 = performance.now();
  // Once more from scratch on a warm store (its first aggregations also pay for warming up).
  await models.CommitteeAward.deleteMany({ committeeId: s.committee._id });
  const t5 = performance.now();
  await svc.compute(s.committee, MONTH, { branches: (await svc.readiness(s.committee, MONTH)).branches });
  const t6 = performance.now();
  clearInterval(sampler);
  const after = process.memoryUsage();
  const winner = first.redFlag?.result.winnerId ?? null;
  console.log(`ready: ${ready.ready} (${ready.branches.length} branches in the tree)`);
  console.log('step | ms');
  console.log(`readiness (tree + rounds) | ${(t1 - t0).toFixed(0)}`);
  console.log(`comparison + stars + red flag, computed and stored | ${(t2 - t1).toFixed(0)}`);
  console.log(`the same again (stored answers stand) | ${(t3 - t2).toFixed(0)}`);
  console.log(`/redflag why read | ${(t4 - t3).toFixed(0)}`);
  console.log(`total after the last close | ${(t2 - t0).toFixed(0)} (target under 5000)`);
  console.log(`readiness + compute again from scratch, warm store | ${(t6 - t5).toFixed(0)}`);
  console.log(
    `winner ${first.redFlag?.inputs.names[winner ?? ''] ?? '-'}; stars ${first.comparison.result.stars.length}; created ${first.created}, again created ${again.created}; why ${why.period}`,
  );
  console.log(
    `memory (bench process): rss ${mb(before.rss)} → ${mb(after.rss)} (peak ${mb(peakRss)}), heap used ${mb(before.heapUsed)} → ${mb(after.heapUsed)}; stored award documents ${mb(Buffer.byteLength(JSON.stringify(first.comparison)) + Buffer.byteLength(JSON.stringify(first.redFlag)))}`,
  );
} finally {
  await conn.dropDatabase();
  await conn.close();
  await server.stop();
}
