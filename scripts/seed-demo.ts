/**
 * Seeds the sandbox with a demo branch: a secretary, three members and one of the masses (sandbox
 * users only, obviously made-up names), then talks to the real bot as they would: the secretary
 * binds the group, two members fill in their cards and the secretary confirms them. Data stays in
 * the store, so on a later start the bot already knows the branch and the seeding stops after /bind.
 */
import { SandboxClient, type SbChat, type SbUser } from '../test/support/sandbox-client.js';

const PEOPLE = {
  secretary: { first_name: '示例书记', username: 'demo_secretary', language_code: 'zh-hans' },
  a: { first_name: '示例党员甲', username: 'demo_member_a', language_code: 'zh-hans' },
  b: { first_name: '示例党员乙', username: 'demo_member_b', language_code: 'zh-hans' },
  c: { first_name: 'Demo Member C', username: 'demo_member_c', language_code: 'en' },
  masses: { first_name: '示例群众', username: 'demo_masses', language_code: 'zh-hans' },
};
const CARDS: Record<'a' | 'b', string[]> = {
  // The seven answers, then 提交 under the card shown whole.
  a: ['示例党员甲', '综合窗口受理员', '一号窗口', '正式党员', '否', '否', '群众的事再小也是大事', '✅ 提交'],
  b: ['示例党员乙', '社区网格员', '示例社区', '预备党员', '否', '否', '我的岗位我示范', '✅ 提交'],
};

/** Answers a dialog's questions one by one, each after the bot's next message in that chat. */
async function converse(sb: SandboxClient, user: SbUser, chat: SbChat | SbUser, replies: string[]) {
  let last = await sb.nextBotMessage(chat);
  for (const text of replies) {
    await (chat.id < 0 ? sb.reply(user, last, text) : sb.send(user, chat, text));
    last = await sb.nextBotMessage(chat);
  }
  return last;
}

export async function seedDemo(root: string, botToken: string): Promise<string> {
  const sb = SandboxClient.connect(root);
  await sb.useBot(botToken);
  const u = {} as Record<keyof typeof PEOPLE, SbUser>;
  for (const [key, fields] of Object.entries(PEOPLE))
    u[key as keyof typeof PEOPLE] = await sb.createUser(fields);
  const group = await sb.createGroup({
    type: 'supergroup',
    title: '示例支部 · 党员示范岗工作群',
    admins: [u.secretary],
    members: [u.a, u.b, u.c, u.masses],
    botAdmin: true,
  });
  const head = `demo group "${group.title}"`;
  try {
    await sb.nextBotMessage(group); // the bot introduces itself
    await sb.send(u.secretary, group, '/bind');
    const prompt = await sb.nextBotMessage(group);
    if (!prompt.reply_markup && !/名称|name/i.test(prompt.text ?? '')) {
      return `${head}: the branch from an earlier run is already bound (data in DATA_DIR)`;
    }
    await sb.reply(u.secretary, prompt, '示例党支部');
    await converse(sb, u.secretary, group, ['示例单位政务服务中心']);
    for (const key of ['a', 'b'] as const) {
      await sb.send(u[key], group, '/join');
      const invite = await sb.nextBotMessage(group, { match: /名片|card/i });
      await sb.pressButton(u[key], invite, /名片|card/i);
      await converse(sb, u[key], u[key], CARDS[key]);
      const review = await sb.nextBotMessage(group, { match: /新的党员登记/ });
      await sb.pressButton(u.secretary, review, '✅ 确认');
    }
    return `${head}: bound to 示例党支部 by 示例书记, with two confirmed members; act as anyone in the page`;
  } catch (err) {
    return `${head}: demo seeding stopped early (${(err as Error).message.split('\n')[0]}); the group is there`;
  }
}
