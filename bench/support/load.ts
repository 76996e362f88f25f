import type { SandboxClient, SbMessage } from '../../test/support/sandbox-client.js';
import type { MessageClock } from './message-clock.js';

/** One message a user sends, `dueMs` after the phase starts. */
export interface Send {
  chatId: number;
  userId: number;
  text: string;
  dueMs: number;
}

export interface PhaseResult {
  sent: number;
  answered: number;
  /** Time of the last answer, from the phase's start. */
  lastAnswerMs: number;
  /** Per sent message, sorted; Infinity for one not answered before the cap. */
  latencies: number[];
  cutOff: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends the plan's messages at their due times (at most `inFlight` requests at once) and waits
 * until every one has its answer, or `capMs` after the last send. An answer is the bot's next
 * message in that chat: both bots answer each /help once and handle a chat's updates in order,
 * so the k-th bot message of a chat answers its k-th user message.
 */
export async function runPhase(
  sb: SandboxClient,
  clock: MessageClock,
  plan: Send[],
  opts: { capMs: number; inFlight?: number },
): Promise<PhaseResult> {
  const sentAt = new Map<number, Map<number, number>>(); // chat → message id → time sent
  const t0 = performance.now();
  const pending = new Set<Promise<void>>();
  for (const s of plan) {
    const wait = t0 + s.dueMs - performance.now();
    if (wait > 0) await sleep(wait);
    while (pending.size >= (opts.inFlight ?? 64)) await Promise.race(pending);
    const at = performance.now();
    const p = sb
      .call<SbMessage>('POST', `/chats/${s.chatId}/messages`, { from: s.userId, text: s.text })
      .then((m) => {
        const chat = sentAt.get(s.chatId) ?? new Map<number, number>();
        chat.set(m.message_id, at);
        sentAt.set(s.chatId, chat);
      })
      .finally(() => pending.delete(p));
    pending.add(p);
  }
  await Promise.all(pending);
  const deadline = performance.now() + opts.capMs;
  const answersOf = (chatId: number) => clock.seen(chatId, t0, new Set(sentAt.get(chatId)!.keys()));
  const complete = () => [...sentAt].every(([chatId, sent]) => answersOf(chatId).length >= sent.size);
  while (!complete() && performance.now() < deadline) await sleep(50);
  const cutOff = !complete();

  const latencies: number[] = [];
  let answered = 0;
  let last = 0;
  for (const [chatId, sent] of sentAt) {
    const answers = answersOf(chatId);
    const ids = [...sent.keys()].sort((a, b) => a - b);
    ids.forEach((id, k) => {
      const answer = answers[k];
      if (!answer) return void latencies.push(Infinity);
      answered++;
      last = Math.max(last, answer.at - t0);
      latencies.push(answer.at - sent.get(id)!);
    });
  }
  latencies.sort((a, b) => a - b);
  return { sent: plan.length, answered, lastAnswerMs: last, latencies, cutOff };
}

/** The q-quantile (0–1) of sorted values, nearest rank. */
export const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

/** `n` messages spread round-robin over the groups and, within each, over its members. */
export function spread(
  groups: { id: number; members: number[] }[],
  n: number,
  text: string,
  intervalMs: number,
): Send[] {
  return Array.from({ length: n }, (_, i) => {
    const g = groups[i % groups.length]!;
    const userId = g.members[Math.floor(i / groups.length) % g.members.length]!;
    return { chatId: g.id, userId, text, dueMs: i * intervalMs };
  });
}
