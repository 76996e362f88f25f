/**
 * A year's export of a big branch: 300 members (BENCH_MEMBERS) with 12 months of records (3 pledge
 * items each, 2 deeds a month, a monthly result, 4 comments, 2 feedback entries) on the embedded
 * store. Seeds, then builds the ledger workbook (XLSX) and the whole branch's cards (PDF) each in a
 * child process of its own, which prints its time and peak RSS (targets: under 10 s and 300 MB).
 * MONGODB_URI measures another server; EXPORT_NODE_OPTIONS is NODE_OPTIONS for the export's process
 * alone (`--max-old-space-size=…`: does an export fit the worker's heap limit?).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Types } from 'mongoose';
import { workerTranslate } from '../jobs/deps.js';
import { createModels, syncIndexes, type Models } from '../src/db/models/index.js';
import { LEADS } from '../src/domain/pledge-item.js';
import { buildExport, type ExportRequest } from '../src/services/export/export-service.js';
import { startBenchStore } from './support/store.js';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 300);
const YEAR = 2026;
const months = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`);

async function seed(models: Models): Promise<Types.ObjectId> {
  const branchId = new Types.ObjectId();
  await models.Branch.create({
    _id: branchId,
    chatId: -100123,
    name: '基准党支部',
    unit: '政务中心',
    secretaryId: 1,
  });
  const joined = new Date(`${YEAR}-01-01T00:00:00Z`);
  const members = Array.from({ length: MEMBERS }, (_, k) => ({
    _id: new Types.ObjectId(),
    branchId,
    userId: 10_000 + k,
    realName: `党员${k}`,
    post: `窗口受理${k % 20}`,
    unit: '政务服务中心',
    membership: 'full',
    isLeading: k % 10 === 0,
    isElderly: false,
    motto: '我的岗位我示范，我的示范你监督',
    status: 'active',
    stars: k % 6,
    submittedAt: joined,
    confirmedAt: joined,
  }));
  await models.Member.insertMany(members, { lean: true });
  const items = members.flatMap((m) => {
    const pledgeId = new Types.ObjectId();
    return LEADS.slice(0, 3).map((lead, i) => ({
      _id: new Types.ObjectId(),
      branchId,
      pledgeId,
      memberId: m._id,
      userId: m.userId,
      year: YEAR,
      lead,
      text: `全年为群众办实事不少于${10 + i}件，做到件件有着落、事事有回音`,
      dueDate: `${YEAR}-${String(4 * i + 4).padStart(2, '0')}-30`,
      status: i === 0 ? 'done' : 'approved',
      ...(i === 0 && { doneOn: `${YEAR}-03-15` }),
    }));
  });
  await models.PledgeItem.insertMany(items, { lean: true });
  const deeds = members.flatMap((m, k) =>
    months.flatMap((month) =>
      [5, 18].map((day) => ({
        branchId,
        memberId: m._id,
        userId: m.userId,
        what: `为社区老人上门办理社保认证，解答政策问题${day}`,
        date: `${month}-${day}`,
        forWhom: '社区老人',
        peopleHelped: 1 + (k % 7),
        pledgeItemId: items[k * 3]!._id,
        status: 'verified',
        reviewedBy: 1,
        createdAt: joined,
      })),
    ),
  );
  for (let i = 0; i < deeds.length; i += 2000)
    await models.Deed.insertMany(deeds.slice(i, i + 2000), { lean: true });
  const results = members.flatMap((m, k) =>
    months.map((month) => {
      const total = 70 + ((k + month.length) % 30);
      const state = {
        stars: k % 6,
        plateOn: true,
        titleHeld: false,
        consecutiveFails: 0,
        consecutivePasses: 1,
      };
      return {
        branchId,
        month,
        memberId: m._id,
        roundId: branchId,
        inputs: { rating: {}, rules: { version: 'bench' }, before: state, yearEnd: month.endsWith('12') },
        computation: {
          self: 90,
          masses: 85,
          organisation: 80,
          ballots: 5,
          weights: {},
          total,
          passed: total >= 80,
          notes: [],
        },
        after: { ...state, stars: Math.min(5, state.stars + 1) },
        change: {
          starsDelta: 1,
          plateTaken: false,
          plateRestored: false,
          titleEarned: false,
          titleRevoked: false,
        },
        orgSource: 'suggested',
        status: 'final',
        computedAt: joined,
      };
    }),
  );
  for (let i = 0; i < results.length; i += 2000)
    await models.RatingResult.insertMany(results.slice(i, i + 2000), { lean: true });
  await models.Commentary.insertMany(
    members.flatMap((m) =>
      [1, 2, 3, 4].map((q) => ({
        branchId,
        memberId: m._id,
        quarter: `${YEAR}Q${q}`,
        text: '服务意识强，业务熟练，继续发挥示范作用。',
        byUserId: 1,
      })),
    ),
    { lean: true },
  );
  await models.Feedback.insertMany(
    members.flatMap((m, k) =>
      ['praise', 'complaint'].map((kind, i) => ({
        branchId,
        memberId: m._id,
        kind,
        text: '办事热情周到，耐心细致',
        anonymous: i === 1,
        status: 'handled',
        outcome: '已处理',
        createdAt: new Date(Date.UTC(YEAR, k % 12, 10)),
      })),
    ),
    { lean: true },
  );
  return branchId;
}

/** In the child: one export, timed, with the process's own peak RSS. */
async function measure(uri: string, branchId: string, kind: ExportRequest['kind']) {
  const conn = await mongoose.createConnection(uri).asPromise();
  const models = createModels(conn);
  const dir = mkdtempSync(join(tmpdir(), 'bench-export-'));
  const before = process.memoryUsage().rss;
  const start = performance.now();
  const req: ExportRequest = {
    requestId: 'bench',
    branchId,
    userId: 1,
    kind,
    period: String(YEAR),
    locale: 'zh',
  };
  const out = await buildExport(
    { models, t: workerTranslate(), clock: () => new Date() },
    req,
    dir,
    () => undefined,
  );
  const ms = performance.now() - start;
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      kind,
      ms: Math.round(ms),
      peakRssMb: Math.round(peak),
      startRssMb: Math.round(before / 2 ** 20),
      fileKb: Math.round(statSync(out.file).size / 1024),
      counts: out.counts,
    }),
  );
  rmSync(dir, { recursive: true, force: true });
  await conn.close();
}

if (process.argv[2] === '--measure') {
  await measure(process.argv[3]!, process.argv[4]!, process.argv[5] as ExportRequest['kind']);
  process.exit(0);
}

const store = await startBenchStore('export');
const dbName = `bench_export_${Date.now()}`;
const conn = await mongoose.createConnection(store.uri, { dbName }).asPromise();
const models = createModels(conn);
await syncIndexes(models);
const seedStart = performance.now();
const branchId = await seed(models);
console.log(`seeded ${MEMBERS} members × 12 months in ${Math.round(performance.now() - seedStart)} ms`);
await conn.close();
const uri = new URL(store.uri);
uri.pathname = `/${dbName}`;
for (const kind of ['ledgers', 'cards'] as const) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/export.ts', '--measure', uri.toString(), String(branchId), kind],
    {
      cwd: join(import.meta.dirname, '..'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      // EXPORT_NODE_OPTIONS goes to the export's process alone (e.g. the worker's heap limit).
      env: {
        ...process.env,
        NODE_OPTIONS: process.env.EXPORT_NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? '',
      },
    },
  );
  if (r.status !== 0) {
    // E.g. out of heap under EXPORT_NODE_OPTIONS: the limit is too small for this export.
    console.log(`${kind}: FAILED (exit ${r.status}, ${r.signal ?? 'no signal'})`);
    continue;
  }
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  const m = JSON.parse(line) as { ms: number; peakRssMb: number };
  console.log(`${kind}: ${line}`);
  console.log(
    `${kind}: ${m.ms} ms (target < 10000), peak RSS ${m.peakRssMb} MB (target < 300) ${m.ms < 10_000 && m.peakRssMb < 300 ? 'OK' : 'OVER'}`,
  );
}
await store.stop();
