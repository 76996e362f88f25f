/**
 * Update handling under load, side by side: the product's bot (`src/main.ts bot`, N replicas)
 * against a bare grammY bot with @grammyjs/runner + sequentialize by chat doing one MongoDB read and
 * one reply (bench/support/runner-bot.ts). Both on one sandbox whose Bot API answers every call
 * 50 ms late (a server's round trip to Telegram), rate limits off, 20 groups of 25 members each:
 * a burst of 1,000 /help, then a steady 100/s for 20 s. Prints throughput, the time of the last
 * answer, latency percentiles and the RSS of every bot process.
 *
 * Usage: npm run bench:updates [-- --replicas 2] [--dialogs 10000] [--latency-ms 50]
 *   --replicas N   product bot processes on one token (the environment passes through:
 *                  BOT_MODE, UPDATE_CONCURRENCY, ...; with BOT_MODE=webhook they sit behind a
 *                  round-robin proxy that is the webhook's URL)
 *   --dialogs N    also: N members each mid-way through the /join dialog, then the bot's RSS
 *   --built        build the product first and run its JavaScript as the Dockerfile does (not tsx)
 */
import { parseArgs } from 'node:util';
import { SandboxClient } from '../test/support/sandbox-client.js';
import { buildProduct } from './support/build.js';
import { callsPerUpdate } from './support/calls.js';
import { measureDialogs } from './support/dialogs.js';
import { bindBranch, createGroups, createUsers, pooled, type BenchGroup } from './support/groups.js';
import { runPhase, spread } from './support/load.js';
import { MessageClock } from './support/message-clock.js';
import { cpuMsOf, startProduct, startRunnerBot, type BotTarget } from './support/processes.js';
import { printTable, rate, type Target } from './support/report.js';
import { startBenchStore } from './support/store.js';
import { dropPending, dropRedisPrefix, waitQuiet } from './support/settle.js';

const { values: args } = parseArgs({
  options: {
    replicas: { type: 'string', default: '1' },
    built: { type: 'boolean', default: false },
    dialogs: { type: 'string', default: '0' },
    'latency-ms': { type: 'string', default: '50' },
    groups: { type: 'string', default: '20' },
    burst: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
  },
});
const REPLICAS = Number(args.replicas);
const GROUPS = Number(args.groups);
const MEMBERS = 25;
const BURST = Number(args.burst);
const RATE = Number(args.rate);
const STEADY = RATE * Number(args.seconds);
const LATENCY = Number(args['latency-ms']);
/** How long a phase waits for answers after its last message: keeps a run near 3 minutes. */
const BURST_CAP_MS = 60_000;
const STEADY_CAP_MS = 10_000;

if (args.built) buildProduct();
const store = await startBenchStore('updates');
const sb = await SandboxClient.start({ latencyMs: LATENCY });
const clock = await MessageClock.open(sb.url);
const targets: Target[] = [];
const started: BotTarget[] = [];
try {
  const product = await startProduct({
    apiRoot: sb.url,
    mongoUri: store.uri,
    replicas: REPLICAS,
    dbName: 'bench_updates',
    built: args.built,
  });
  started.push(product);
  const runner = await startRunnerBot({ apiRoot: sb.url, mongoUri: store.uri });
  started.push(runner);
  const users = await createUsers(sb, GROUPS * MEMBERS);
  for (const [name, bot, answer] of [
    [
      `product bot ×${REPLICAS}, ${process.env.BOT_MODE ?? 'polling'}${args.built ? ', built' : ''}`,
      product,
      /^您(是|在)/,
    ],
    ['runner + sequentialize', runner, /^Help for /],
  ] as const) {
    const { id } = await sb.useBot(bot.token);
    const groups = await createGroups(sb, id, users, GROUPS, MEMBERS);
    targets.push({ name, bot, botId: id, answer, groups, results: [], cpuMs: 0, storeCpuMs: 0, dropped: 0 });
  }
  const t = Date.now();
  await pooled(targets[0]!.groups, GROUPS, (g) => bindBranch(sb, g, targets[0]!.groups.indexOf(g)));
  console.log(`bound ${GROUPS} branches through /bind in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  for (const target of targets) {
    // Warm-up: one /help per group, so start-up work (JIT, caches, connections) is not measured.
    await runPhase(sb, clock, spread(target.groups, GROUPS, '/help', 0), { capMs: 60_000 });
    await waitQuiet(clock, target.groups);
  }
  const phases = [
    { name: 'burst', plan: (gs: BenchGroup[]) => spread(gs, BURST, '/help', 0), capMs: BURST_CAP_MS },
    {
      name: 'steady',
      plan: (gs: BenchGroup[]) => spread(gs, STEADY, '/help', 1000 / RATE),
      capMs: STEADY_CAP_MS,
    },
  ];
  const cpu = (t: Target) => t.bot.processes.reduce((sum, p) => sum + p.cpuMs(), 0);
  const storeCpu = () => (store.pid ? cpuMsOf(store.pid) : NaN);
  const phasesStart = new Date();
  for (const phase of phases)
    for (const target of targets) {
      const [cpu0, store0] = [cpu(target), storeCpu()];
      const r = await runPhase(sb, clock, phase.plan(target.groups), { capMs: phase.capMs });
      target.results.push(r);
      console.log(
        `${target.name}, ${phase.name}: ${r.answered}/${r.sent} answered, last after ${(r.lastAnswerMs / 1000).toFixed(1)} s${r.cutOff ? ' (cut off)' : ''}`,
      );
      if (r.cutOff) target.dropped += await dropPending(sb.url, target.bot.token);
      await waitQuiet(clock, target.groups);
      target.cpuMs += cpu(target) - cpu0;
      target.storeCpuMs += storeCpu() - store0;
    }
  const phasesEnd = new Date();

  console.log(
    `\nlatency ${LATENCY} ms per Bot API call, ${GROUPS} groups × ${MEMBERS} members, burst ${BURST} /help, steady ${RATE}/s for ${args.seconds} s`,
  );
  printTable(targets, STEADY_CAP_MS);
  for (const t of targets) {
    const histories = await pooled(t.groups, 8, (g) => sb.messages(g));
    const answers = histories.flat().filter((m) => m.from?.is_bot && t.answer.test(m.text ?? '')).length;
    console.log(
      `${t.name}: ${answers} /help answers in the groups' histories, ${GROUPS + BURST + STEADY} sent` +
        (t.dropped ? `, ${t.dropped} dropped unfetched at a cap` : ''),
    );
  }
  const calls = await callsPerUpdate(
    sb,
    targets.map((t) => ({ id: t.botId, updates: BURST + STEADY })),
    phasesStart,
    phasesEnd,
  );
  for (const [i, t] of targets.entries()) console.log(`${t.name}, Bot API calls per /help: ${calls[i]}`);
  const ratio = rate(targets[0]!.results[0]!) / rate(targets[1]!.results[0]!);
  console.log(
    `burst throughput, product / runner: ${ratio.toFixed(2)}; targets: ≥ 0.8 with 1 process, ≥ 1.5 with 2; ` +
      `steady p99 ≤ ${3 * LATENCY} ms`,
  );
  // Stopped here, before the dialogs run; the finally below stops only what is still running.
  for (const bot of started.splice(0)) await bot.stop();
  await dropRedisPrefix(product.prefix!);

  const dialogs = Number(args.dialogs);
  if (dialogs > 0)
    await measureDialogs({ users: dialogs, replicas: REPLICAS, mongoUri: store.uri, built: args.built });
} finally {
  for (const bot of started) await bot.stop();
  clock.close();
  await sb.close();
  await store.stop();
}
