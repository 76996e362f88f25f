import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchDoc } from '../../src/db/models/branch.js';
import { createRatingService } from '../../src/services/rating-service.js';
import type { BotProcess } from '../support/bot-process.js';
import type { SbUser } from '../support/sandbox-client.js';
import { startWorld, type World } from './world.js';

let w: World;
const workers: BotProcess[] = [];
const startWorker = async () => {
  const p = await w.startWorker();
  workers.push(p);
  return p;
};

beforeAll(async () => {
  w = await startWorld({ worker: false });
}, 90_000);

afterAll(async () => {
  // The restarted worker must shut down gracefully on SIGTERM (exit code 0).
  const codes = [];
  for (const p of workers) codes.push(await p.stop());
  await w?.close();
  expect(codes).toEqual([0]);
});

const GROUPS = 12;

describe('announcements survive a worker killed with SIGKILL', () => {
  // A kill lands at a random instant: some messages are claimed but not yet written (sent again
  // after the restart), some are written with no answer yet (counted as sent, not sent again).
  // jobs/wire.ts says why that split is exact up to two adjacent system calls; the sender's tests
  // check each side of it deterministically.
  it(
    'every group gets exactly one table and one chart, every member one result message',
    { timeout: 150_000 },
    async () => {
      const ratings = createRatingService({ models: w.models, clock: () => new Date() });
      const closedAt = new Date(Date.now() - 6 * 86_400_000);
      const month = closedAt.toISOString().slice(0, 7);
      const groups: { id: number }[] = [];
      const people: SbUser[] = [];
      for (let g = 0; g < GROUPS; g++) {
        const sec = await w.person(`书记${g}`);
        const a = await w.person(`甲${g}`);
        const b = await w.person(`乙${g}`);
        const group = await w.sb.createGroup({ title: `支部${g}`, admins: [sec], members: [a, b] });
        groups.push(group);
        const branch = (
          await w.models.Branch.create({
            chatId: group.id,
            name: `支部${g}`,
            unit: '中心',
            secretaryId: sec.id,
          })
        ).toObject() as BranchDoc;
        for (const [i, u] of [a, b].entries()) {
          await w.sb.start(u);
          people.push(u);
          await w.models.UserPref.updateOne({ _id: u.id }, { $set: { startedBot: true } }, { upsert: true });
          await w.models.Member.create({
            branchId: branch._id,
            userId: u.id,
            realName: u.first_name,
            post: `岗${i}`,
            unit: '中心',
            membership: 'full',
            isLeading: false,
            isElderly: false,
            motto: '我的岗位我示范',
            status: 'active',
            submittedAt: closedAt,
            confirmedAt: new Date(closedAt.getTime() - 86_400_000),
          });
        }
        await ratings.close(branch._id, month, { asOf: closedAt });
      }
      const first = await startWorker();
      const branches = await w.models.Branch.find({}).lean();
      for (const b of branches)
        await w.schedule('daily', { branchId: String(b._id), asOf: new Date().toISOString() });

      const tables = async () => {
        let n = 0;
        for (const g of groups)
          n += (await w.sb.messages(g)).filter((m) => /（正式）/.test(m.text ?? '')).length;
        return n;
      };
      for (let i = 0; i < 200 && (await tables()) < 3; i++) await new Promise((r) => setTimeout(r, 50));
      await first.stop('SIGKILL');
      workers.splice(workers.indexOf(first), 1);
      // Charts follow their table into the same group 3 s later: at the kill most are still to send.
      let charts = 0;
      for (const g of groups) charts += (await w.sb.messages(g)).filter((m) => m.photo).length;
      expect(charts).toBeLessThan(GROUPS);
      await startWorker();

      const done = async () => {
        for (const g of groups) {
          const bot = (await w.sb.messages(g)).filter((m) => m.from?.is_bot);
          if (
            bot.filter((m) => /（正式）/.test(m.text ?? '')).length < 1 ||
            bot.filter((m) => m.photo).length < 1
          )
            return false;
        }
        // The killed worker's running jobs come back once their lock expires (about 30 s).
        for (const u of people) {
          const dm = (await w.sb.messages(u)).filter(
            (m) => m.from?.is_bot && /考评结果：/.test(m.text ?? ''),
          );
          if (dm.length < 1) return false;
        }
        return true;
      };
      for (let i = 0; i < 180 && !(await done()); i++) await new Promise((r) => setTimeout(r, 500));
      await new Promise((r) => setTimeout(r, 4000));
      for (const g of groups) {
        const bot = (await w.sb.messages(g)).filter((m) => m.from?.is_bot);
        expect(bot.filter((m) => /（正式）/.test(m.text ?? ''))).toHaveLength(1);
        expect(bot.filter((m) => m.photo)).toHaveLength(1);
      }
      for (const u of people) {
        const results = (await w.sb.messages(u)).filter(
          (m) => m.from?.is_bot && /考评结果：/.test(m.text ?? ''),
        );
        expect(results).toHaveLength(1);
      }
    },
  );
});
