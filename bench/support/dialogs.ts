import { SandboxClient, type SbMessage } from '../../test/support/sandbox-client.js';
import { bindBranch, createUsers, pooled } from './groups.js';
import { MessageClock } from './message-clock.js';
import { startProduct } from './processes.js';
import { dropRedisPrefix } from './settle.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The product's bot with `users` members of one group each mid-way through /join: each opens the
 * group's /join link in private (`/start join_<branch>`) and gets the intro and the first question,
 * then the bot's RSS is read. Its own sandbox without added latency (RSS does not depend on it,
 * and the bench stays short) and its own database; prints one line.
 */
export async function measureDialogs(opts: {
  users: number;
  replicas: number;
  mongoUri: string;
  built: boolean;
}) {
  const sb = await SandboxClient.start();
  const clock = await MessageClock.open(sb.url);
  const product = await startProduct({
    apiRoot: sb.url,
    mongoUri: opts.mongoUri,
    replicas: opts.replicas,
    dbName: 'bench_dialogs',
    built: opts.built,
  });
  try {
    await sb.useBot(product.token);
    const start = performance.now();
    const [secretary, ...members] = await createUsers(sb, opts.users + 1);
    const group = await sb.call<{ id: number }>('POST', '/chats', {
      type: 'group',
      title: '万人支部群',
      members: [secretary!.id, ...members.map((m) => m.id)],
      admins: [secretary!.id],
    });
    const g = { id: group.id, members: [secretary!.id] };
    await bindBranch(sb, g, 0);
    await sb.send(members[0]!, g, '/join');
    const linkOf = (m: SbMessage) => m.reply_markup?.inline_keyboard.flat().find((b) => b.url)?.url;
    const invite = await sb.nextBotMessage(g, { match: (m) => linkOf(m) !== undefined, timeoutMs: 30_000 });
    const url = linkOf(invite);
    if (!url) throw new Error(`no /join link in ${JSON.stringify(invite)}`);
    const setupSecs = (performance.now() - start) / 1000;
    const before = product.processes.map((p) => p.rss().now.toFixed(0)).join(' / ');

    const t0 = performance.now();
    await pooled(members, 16, (m) => sb.openLink(m, url));
    // Mid-dialog: the /start, the intro and the first question are in the private chat.
    const waiting = () => members.filter((m) => clock.seen(m.id).length < 3).length;
    let left = waiting();
    let report = performance.now() + 10_000;
    while (left > 0 && performance.now() - t0 < 15 * 60_000) {
      await sleep(500);
      left = waiting();
      if (performance.now() > report) {
        console.log(`  … ${opts.users - left}/${opts.users} members mid-dialog`);
        report += 10_000;
      }
    }
    const secs = (performance.now() - t0) / 1000;
    const check = await sb.messages(members.at(-1)!);
    const rss = product.processes.map((p) => p.rss());
    console.log(
      `product bot ×${opts.replicas}${opts.built ? ' (built)' : ''} with ${opts.users - left} of ${opts.users} members mid-dialog (/join, question 1 of 7; ` +
        `setup ${setupSecs.toFixed(0)} s, dialogs started in ${secs.toFixed(0)} s, ${((opts.users - left) / secs).toFixed(0)}/s): ` +
        `RSS ${rss.map((r) => `${r.now.toFixed(0)} MB (peak ${r.peak.toFixed(0)})`).join(' / ')}, ` +
        `${before} MB before the dialogs; target < 200 MB`,
    );
    if (left === 0 && !/1\/7/.test(check.at(-1)?.text ?? ''))
      throw new Error(
        `the last member's chat does not end with the first question: ${JSON.stringify(check)}`,
      );
  } finally {
    await product.stop();
    clock.close();
    await sb.close();
    await dropRedisPrefix(product.prefix!);
  }
}
