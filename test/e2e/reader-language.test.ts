import { writeFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { roundReminderDate } from '../../src/domain/rating-schedule.js';
import { monthLabel } from '../../src/domain/locale-format.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { CHINA_HOLIDAYS } from '../../src/domain/calendar-data.js';
import type { SbChat, SbUser } from '../support/sandbox-client.js';
import { rosterCard, seedBranch, seedMember } from '../support/seed.js';
import { buttonsOf, type World, useWorld } from './world.js';
import { botTexts, isChinese, isEnglish } from './reader-language-checks.js';

let w: World;
const today = DateTime.now().setZone('Asia/Shanghai');
/** The month of the round the secretary opens: this month in the branch's zone. */
const month = today.toFormat('yyyy-MM');

useWorld((world) => (w = world));

const CODE = { zh: 'zh-hans', en: 'en' } as const;
type Lang = keyof typeof CODE;

/** Waits for the bot's answer to what was just sent, then for any follow-up to arrive too. */
async function settle(chat: { id: number }) {
  await w.sb.nextBotMessage(chat, { timeoutMs: 15_000 });
  for (let n = -1; ;) {
    const now = (await w.sb.messages(chat)).length;
    if (now === n) return;
    n = now;
    await new Promise((r) => setTimeout(r, 400));
  }
}

/** The reply keyboard the user sees now. */
const keyboard = async (user: SbUser) =>
  (await w.sb.history(user)).reply_keyboard?.keyboard.flat().map((b) => b.text) ?? [];

/** Answers a private dialog: a text, or a pick from the reply keyboard shown. */
async function dialog(user: SbUser, replies: (string | ((kb: string[]) => string))[]) {
  for (const r of replies) {
    await w.sb.send(user, user, typeof r === 'string' ? r : r(await keyboard(user)));
    await settle(user);
  }
}

/**
 * A branch whose group speaks `groupLang`, a secretary, a member and one of the masses who speak
 * it too, and one member (`odd`) whose Telegram speaks `oddLang`, living through a month: card,
 * pledge returned, deed verified, a round with a reminder, provisional results, an objection, final
 * results, praise.
 */
async function liveAMonth(groupLang: Lang, oddLang: Lang, names: Record<string, string>, words: string[]) {
  const sec = await w.person(names.sec!, undefined, CODE[groupLang]);
  const member = await w.person(names.member!, undefined, CODE[groupLang]);
  const mass = await w.person(names.mass!, undefined, CODE[groupLang]);
  const odd = await w.person(names.odd!, undefined, CODE[oddLang]);
  const group: SbChat = await w.sb.createGroup({
    title: names.branch!,
    admins: [sec],
    members: [member, mass, odd],
  });
  let groupFrom = 0;
  const branch = await seedBranch(w.models, group.id, sec.id, { name: names.branch!, unit: names.unit! });
  // The bot greets the group it was added to (in Chinese: the branch has no language set yet).
  await w.sb.nextBotMessage(group);
  await seedMember(w.models, branch._id, member.id, rosterCard(member, 0));
  if (groupLang === 'en') {
    // What the group heard before the switch was rightly in Chinese; from the switch on, English.
    const before = await w.sb.messages(group);
    groupFrom = before.length;
    await w.sb.send(sec, group, '/settings language en');
    await settle(group);
    expect((await w.models.Branch.findById(branch._id).lean())?.settings).toMatchObject({ language: 'en' });
  }
  for (const u of [sec, member, mass]) {
    await w.sb.start(u);
    await w.sb.nextBotMessage(u);
  }

  // Seen first in the group: its Telegram language is recorded before any private message.
  await w.sb.send(odd, group, '/join');
  const invite = await w.sb.nextBotMessage(group);
  expect((await w.models.UserPref.findById(odd.id).lean())?.telegramLanguage).toBe(CODE[oddLang]);
  await w.sb.pressButton(odd, invite, /📝/);
  await settle(odd);
  await dialog(odd, [names.odd!, names.post!, names.window!, (kb) => kb[0]!, (kb) => kb[1]!, (kb) => kb[1]!]);
  await dialog(odd, [names.motto!]);
  // The card shown whole before it is sent: submit it (the first button).
  await dialog(odd, [(kb) => kb[0]!]);
  const registration = await w.sb.nextBotMessage(group, { match: new RegExp(names.odd!) });
  await w.sb.pressButton(sec, registration, /✅/);
  await w.sb.nextBotMessage(odd, { match: /✅/ });

  // Pledge: one item, returned by the secretary with a reason.
  await w.sb.send(odd, odd, '/pledge');
  await settle(odd);
  await dialog(odd, [(kb) => kb[0]!, names.pledge!, today.plus({ days: 40 }).toISODate()!]);
  await dialog(odd, [(kb) => kb.find((b) => b.startsWith('✅'))!]);
  // The item-by-item review happens in the secretary's private chat (the group gets a summary).
  await w.sb.send(sec, sec, '/pending');
  const item = await w.sb.nextBotMessage(sec, { match: new RegExp(names.pledge!) });
  await w.sb.pressButton(sec, item, /↩️/);
  await w.sb.nextBotMessage(sec, { match: new RegExp(names.odd!) });
  await w.sb.send(sec, sec, names.reason!);
  await w.sb.nextBotMessage(odd, { match: new RegExp(names.reason!) });

  // Deed: the full dialog in private, verified from /pending.
  await w.sb.send(odd, odd, '/deed');
  await settle(odd);
  await dialog(odd, [names.deed!, (kb) => kb[0]!, names.forWhom!, '2']);
  while (!(await w.models.Deed.exists({ userId: odd.id }))) await dialog(odd, [(kb) => kb.at(-1)!]);
  await w.sb.send(sec, sec, '/pending');
  const deed = await w.sb.nextBotMessage(sec, { match: new RegExp(names.deed!) });
  await w.sb.pressButton(sec, deed, /✅/);
  await w.sb.nextBotMessage(odd, { match: new RegExp(names.deed!) });

  // The round: opened by the secretary, the day-before-close reminder, provisional and final.
  // The round's post is its only answer: queued, it goes out after the group's earlier posts.
  await w.sb.send(sec, group, '/openround');
  await w.sb.nextBotMessage(group, {
    match: (m) => buttonsOf(m).some((b) => b.text.startsWith('🗳')),
    timeoutMs: 45_000,
  });
  const round = (await w.models.RatingRound.findOne({ branchId: branch._id }).lean())!;
  const remindOn = roundReminderDate(round.month, DEFAULT_SETTINGS, {
    data: CHINA_HOLIDAYS,
    overrides: { workdays: [], holidays: [] },
  });
  await w.schedule('daily', {
    branchId: String(branch._id),
    asOf: DateTime.fromISO(`${remindOn}T10:00`, { zone: 'Asia/Shanghai' }).toJSDate().toISOString(),
  });
  await w.sb.nextBotMessage(odd, { match: /⏰/, timeoutMs: 20_000 });
  await w.schedule('round-close', {
    branchId: String(branch._id),
    month: round.month,
    asOf: new Date().toISOString(),
  });
  await w.sb.nextBotMessage(odd, { match: /☆/, timeoutMs: 20_000 });
  // An objection: the secretary hears it in theirs, the member gets the answer in theirs.
  await w.sb.send(odd, odd, '/object');
  await settle(odd);
  await dialog(odd, [names.objection!]);
  const objection = await w.sb.nextBotMessage(sec, { match: new RegExp(names.objection!) });
  await w.sb.pressButton(sec, objection, { data: buttonsOf(objection)[0]!.callback_data! });
  await settle(sec);
  await dialog(sec, ['-', names.answer!]);
  await w.sb.nextBotMessage(odd, { match: new RegExp(names.answer!) });
  const closed = (await w.models.RatingRound.findOne({ branchId: branch._id }).lean())!;
  await w.schedule('daily', {
    branchId: String(branch._id),
    asOf: new Date(closed.objectionDeadline!.getTime() + 60_000).toISOString(),
  });
  await w.sb.nextBotMessage(odd, { match: /☆/, timeoutMs: 20_000 });
  // The chart comes after the group's other result posts, 3 s apart on the sender queue.
  await w.sb.nextBotMessage(group, { match: (m) => Boolean(m.photo), timeoutMs: 45_000 });

  // Praise from one of the masses, named, about the odd member.
  const said = await w.sb.send(odd, group, names.motto!);
  await w.sb.send(mass, group, { text: '/feedback', reply_to_message_id: said.message_id });
  const fb = await w.sb.nextBotMessage(group, {
    match: (m) => buttonsOf(m).some((b) => b.text.startsWith('📝')),
  });
  await w.sb.pressButton(mass, fb, /📝/);
  await settle(mass);
  await dialog(mass, [(kb) => kb.find((b) => b.startsWith('👍'))!, (kb) => kb.at(-1)!, names.praise!]);
  await w.sb.nextBotMessage(odd, { match: new RegExp(names.praise!) });
  await w.sb.nextBotMessage(sec, { match: new RegExp(names.branch!) });

  const own = [...Object.values(names), ...words];
  if (process.env.E2E_DUMP)
    writeFileSync(
      `${process.env.E2E_DUMP}-${groupLang}.json`,
      JSON.stringify(await w.sb.transcript(), null, 1),
    );
  return {
    odd: await botTexts(w.sb, odd),
    others: [
      ...(await botTexts(w.sb, sec)),
      ...(await botTexts(w.sb, member)),
      ...(await botTexts(w.sb, mass)),
    ],
    group: await botTexts(w.sb, group, groupFrom),
    own,
  };
}

describe('every private message in its reader’s language, group posts in the group’s', () => {
  it('a Chinese group with an English-speaking member', async () => {
    const seen = await liveAMonth(
      'zh',
      'en',
      {
        branch: '第一党支部',
        unit: '政务中心',
        sec: '王书记',
        member: '张三',
        mass: '李四',
        odd: 'Emma Reed',
        post: 'Front desk',
        window: 'Window 3',
        motto: 'Serve with heart',
        pledge: 'Visit two elderly residents every month',
        reason: '请写明走访对象',
        deed: 'Helped a resident renew an ID card',
        forWhom: 'An elderly resident',
        praise: '耐心细致一次办好',
        objection: 'I was out serving residents',
        answer: '已核实，维持原分',
      },
      ['窗口1'],
    );
    expect(seen.odd.length).toBeGreaterThan(15);
    expect(seen.odd.filter((t) => t.includes(monthLabel(month, 'en')))).toHaveLength(5);
    expect(seen.odd.filter((t) => !isEnglish(t, seen.own))).toEqual([]);
    expect(seen.others.filter((t) => !isChinese(t, seen.own))).toEqual([]);
    expect(seen.group.filter((t) => !isChinese(t, seen.own))).toEqual([]);
  }, 240_000);

  it('an English group (/settings language en) with a Chinese-speaking member', async () => {
    const seen = await liveAMonth(
      'en',
      'zh',
      {
        branch: '第二党支部',
        unit: 'Civic Centre',
        sec: 'Sam Hill',
        member: 'Tom Lee',
        mass: 'Ann Fox',
        odd: '周芳',
        post: '综合窗口',
        window: '三号窗口',
        motto: '我的岗位我示范',
        pledge: '每月走访两户独居老人',
        reason: 'Say whom you will visit',
        deed: '帮居民补办身份证',
        forWhom: '社区老人',
        praise: 'Patient and thorough',
        objection: '我当天在社区服务',
        answer: 'Checked, the score stands',
      },
      ['窗口1', '政务中心'],
    );
    expect(seen.odd.length).toBeGreaterThan(15);
    expect(seen.odd.filter((t) => t.includes(monthLabel(month, 'zh')))).toHaveLength(5);
    expect(seen.odd.filter((t) => !isChinese(t, seen.own))).toEqual([]);
    expect(seen.others.filter((t) => !isEnglish(t, seen.own))).toEqual([]);
    expect(seen.group.filter((t) => !isEnglish(t, seen.own))).toEqual([]);
  }, 240_000);
});
