import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SbChat, SbMessage, SbUser } from '../support/sandbox-client.js';
import { seedMember } from '../support/seed.js';
import { bindGroup, buttonsOf, startPrivateChats, startWorld, type World } from './world.js';

/** 挂牌: the printable plate and its QR deep link, which works for anyone, in the group or not. */
let w: World;
let alice: SbUser; // secretary
let bob: SbUser; // member
let carol: SbUser; // the masses in the group
let dave: SbUser; // a citizen at the window, not in the group
let g: SbChat;
let payload: string;

// jsqr is CommonJS: its function is the module's `default` export under Node's ESM interop.
const jsQR = jsQRModule.default;

/** The PDF of a document message, saved to a new folder; returns its path. */
async function savePdf(m: SbMessage): Promise<string> {
  const res = await fetch(`${w.sb.url}/sandbox/files/${m.document!.file_id}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const path = join(mkdtempSync(join(tmpdir(), 'plate-')), 'p.pdf');
  writeFileSync(path, bytes);
  return path;
}
/** The PDF's text (poppler's pdftotext). */
const pdfText = (path: string) => execFileSync('pdftotext', [path, '-']).toString();
/**
 * The plate's first page as printed (poppler's pdftoppm) and what a phone camera reads from its
 * QR code (jsQR, an independent decoder). PLATE_PNG=path keeps the image (the README's guide).
 */
function pageAndQr(path: string): string | undefined {
  execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', path, `${path}-1`]);
  if (process.env.PLATE_PNG) copyFileSync(`${path}-1.png`, process.env.PLATE_PNG);
  const png = PNG.sync.read(readFileSync(`${path}-1.png`));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}
async function say(user: SbUser, text: string, match: RegExp) {
  await w.sb.send(user, user, text);
  return w.sb.nextBotMessage(user, { match });
}

beforeAll(async () => {
  w = await startWorld();
  alice = await w.person('Alice', 'alice_p');
  bob = await w.person('鲍勃', 'bob_p');
  carol = await w.person('Carol', 'carol_p');
  dave = await w.person('Dave', 'dave_p');
  const bound = await bindGroup(w, alice, [bob, carol], { title: '挂牌测试群' });
  g = bound.g;
  const branch = bound.branch;
  const member = await seedMember(w.models, branch._id, bob.id, {
    realName: '鲍勃',
    post: '综合窗口受理员',
    unit: '三号窗口',
    motto: '办事不过夜',
    stars: 3,
  });
  payload = `mp_${branch._id.toString()}-${member._id.toString()}`;
  await startPrivateChats(w, [alice, bob, dave]);
}, 90_000);
afterAll(async () => {
  if (process.env.E2E_LOG && w) writeFileSync(process.env.E2E_LOG, w.bot.output());
  await w?.close();
});

describe('the plate at the window (item 13)', () => {
  it('/plate gives a printable PDF: the secretary for a member, a member for themself, nobody else', async () => {
    await w.sb.send(alice, g, '/plate @bob_p');
    const doc = await w.sb.nextBotMessage(g);
    expect(doc.document?.mime_type).toBe('application/pdf');
    expect(doc.caption).toContain('鲍勃 的示范岗挂牌');
    const pdf = await savePdf(doc);
    const text = pdfText(pdf);
    for (const s of ['党员示范岗', '鲍勃', '综合窗口受理员', '三号窗口', '办事不过夜', '★★★☆☆', '第一党支部'])
      expect(text).toContain(s);
    // The printed QR code carries the member's deep link to this bot, which the next test opens.
    expect(pageAndQr(pdf)).toBe(`https://t.me/${w.me.username}?start=${payload}`);
    await w.sb.send(carol, g, '/plate @bob_p');
    expect((await w.sb.nextBotMessage(g)).text).toBe('只有支部书记或支委可以这样做。');
    await w.sb.send(bob, bob, '/plate');
    expect((await w.sb.nextBotMessage(bob)).document?.file_name).toMatch(/\.pdf$/);
  });

  it('the link opens feedback about the member for someone outside the group; a ballot while a round is open', async () => {
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(64);
    await w.sb.send(dave, dave, `/start ${payload}`);
    const intro = await w.sb.nextBotMessage(dave, { match: /党员示范岗：鲍勃/ });
    expect(buttonsOf(intro).map((b) => b.text)).toEqual(['💬 提意见 / 表扬']);
    await w.sb.pressButton(dave, intro, '💬 提意见 / 表扬');
    await w.sb.nextBotMessage(dave, { match: /表扬/ });
    await say(dave, '👍 表扬', /匿名/);
    await say(dave, '✍️ 署名', /./);
    await say(dave, '窗口服务热情周到', /感谢您的意见/);
    const fb = await w.models.Feedback.findOne({ kind: 'praise' }).lean();
    expect(fb?.memberId?.toString()).toBe(payload.split('-')[1]);

    // An open round (its group post goes through the worker, which this test does not run).
    const branchId = payload.slice(3, 27);
    await w.models.RatingRound.create({ branchId, month: '2026-12', status: 'open', openedAt: new Date() });
    await w.sb.send(dave, dave, `/start ${payload}`);
    const open = await w.sb.nextBotMessage(dave, { match: /党员示范岗：鲍勃/ });
    await w.sb.pressButton(dave, open, '⭐ 群众测评');
    await w.sb.nextBotMessage(dave, { match: /第 1\/4 项/ });
    for (const n of ['22', '23', '24']) await say(dave, n, /项/);
    await say(dave, '25', /已匿名记录您对 鲍勃 的评分/);
    const box = await w.models.BallotBox.findOne({}).lean();
    expect(box?.size).toBe(1);
    // Once is enough: the second try says so.
    await w.sb.send(dave, dave, `/start ${payload}`);
    await w.sb.pressButton(dave, await w.sb.nextBotMessage(dave, { match: /党员示范岗/ }), '⭐ 群众测评');
    await w.sb.nextBotMessage(dave, { match: /评完了所有党员|已评价过该党员/ });
  });
});
