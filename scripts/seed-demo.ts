/**
 * Seeds the sandbox with a demo branch group: a secretary, three members and one of the masses.
 * Sandbox users only, with obviously made-up names. Returns a line saying what was made.
 */
const DEMO_USERS = [
  { key: 'secretary', first_name: '示例书记', username: 'demo_secretary', language_code: 'zh-hans' },
  { key: 'a', first_name: '示例党员甲', username: 'demo_member_a', language_code: 'zh-hans' },
  { key: 'b', first_name: '示例党员乙', username: 'demo_member_b', language_code: 'zh-hans' },
  { key: 'c', first_name: 'Demo Member C', username: 'demo_member_c', language_code: 'en' },
  { key: 'masses', first_name: '示例群众', username: 'demo_masses', language_code: 'zh-hans' },
] as const;

async function control<T>(root: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${root}/sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function seedDemo(root: string, botToken: string): Promise<string> {
  const ids: Record<string, number> = {};
  for (const { key, ...user } of DEMO_USERS) {
    ids[key] = (await control<{ id: number }>(root, '/users', user)).id;
  }
  const others = DEMO_USERS.filter((u) => u.key !== 'secretary').map((u) => ids[u.key]!);
  const chat = await control<{ id: number; title: string }>(root, '/chats', {
    type: 'supergroup',
    title: '示例支部 · 党员示范岗工作群',
    creator: ids.secretary,
    admins: [ids.secretary],
    members: others,
    bot_token: botToken,
    bot_admin: true,
  });
  return `demo group "${chat.title}" (${chat.id}): act as 示例书记 and send /bind to start`;
}
