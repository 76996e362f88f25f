import type { SandboxClient, SbMessage, SbUser } from '../../test/support/sandbox-client.js';

export interface BenchGroup {
  id: number;
  /** User ids; the first is the group's creator (an admin). */
  members: number[];
}

/** Runs `fn` over the items with at most `limit` at once. */
export async function pooled<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return out;
}

/** `n` users with Chinese names and a Chinese Telegram language. */
export function createUsers(sb: SandboxClient, n: number, name = '党员'): Promise<SbUser[]> {
  return pooled(
    Array.from({ length: n }, (_, i) => i),
    32,
    (i) => sb.createUser({ first_name: `${name}${i + 1}`, language_code: 'zh-hans' }),
  );
}

/** `count` groups of one bot, each with its slice of `perGroup` users, the first of them the creator. */
export function createGroups(
  sb: SandboxClient,
  botId: number,
  users: SbUser[],
  count: number,
  perGroup: number,
): Promise<BenchGroup[]> {
  return pooled(
    Array.from({ length: count }, (_, i) => i),
    8,
    async (i) => {
      const members = users.slice(i * perGroup, (i + 1) * perGroup).map((u) => u.id);
      const chat = await sb.call<{ id: number }>('POST', '/chats', {
        type: 'group',
        title: `第${i + 1}党支部群`,
        members,
        admins: [members[0]],
        bot_id: botId,
      });
      return { id: chat.id, members };
    },
  );
}

/** The product's /bind dialog in a group, by its creator: the branch's name, then its unit. */
export async function bindBranch(sb: SandboxClient, g: BenchGroup, i: number): Promise<void> {
  const timeoutMs = 120_000;
  await sb.nextBotMessage(g, { timeoutMs }); // the welcome
  await sb.send(g.members[0]!, g, '/bind');
  let last: SbMessage = await sb.nextBotMessage(g, { timeoutMs });
  for (const text of [`第${i + 1}党支部`, '市政务服务中心']) {
    await sb.send(g.members[0]!, g, { text, reply_to_message_id: last.message_id });
    last = await sb.nextBotMessage(g, { timeoutMs });
  }
}
