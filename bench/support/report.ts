import type { BenchGroup } from './groups.js';
import { quantile, type PhaseResult } from './load.js';
import type { BotTarget } from './processes.js';

/** One bot under test in bench/updates.ts and what was measured of it. */
export interface Target {
  name: string;
  bot: BotTarget;
  botId: number;
  /** How the bot's answer to /help starts (the product answers by role: 您是… / 您在…). */
  answer: RegExp;
  groups: BenchGroup[];
  /** Burst, then steady. */
  results: PhaseResult[];
  /** CPU ms of the bot's processes and of the store's, over its measured phases. */
  cpuMs: number;
  storeCpuMs: number;
  /** Updates the bench dropped unfetched when a phase hit its cap (polling only). */
  dropped: number;
}

export const rate = (r: PhaseResult) => r.answered / (r.lastAnswerMs / 1000);

/** The table of bench/updates.ts, one row per bot. */
export function printTable(targets: Target[], steadyCapMs: number): void {
  // An answer still missing at the cap came at least the cap after its message.
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : `> ${steadyCapMs}`);
  console.log(
    'bot | burst updates/s | burst last answer s | steady p50 ms | steady p99 ms | steady answered | ' +
      'CPU ms per update: bot, store | RSS MB (peak)',
  );
  for (const t of targets) {
    const [burst, steady] = t.results as [PhaseResult, PhaseResult];
    const updates = burst.answered + steady.answered;
    const rss = t.bot.processes.map((p) => p.rss()).map((r) => `${r.now.toFixed(0)} (${r.peak.toFixed(0)})`);
    console.log(
      [
        t.name,
        rate(burst).toFixed(0) + (burst.cutOff ? ' (cut off)' : ''),
        burst.cutOff
          ? `> ${(burst.lastAnswerMs / 1000).toFixed(1)} (${burst.sent - burst.answered} unanswered)`
          : (burst.lastAnswerMs / 1000).toFixed(1),
        ms(quantile(steady.latencies, 0.5)),
        ms(quantile(steady.latencies, 0.99)),
        `${steady.answered}/${steady.sent}`,
        `${(t.cpuMs / updates).toFixed(1)}, ${(t.storeCpuMs / updates).toFixed(1)}`,
        rss.join(' / '),
      ].join(' | '),
    );
  }
}
