import { afterEach, describe, expect, it } from 'vitest';
import { processDialogSweep } from '../../jobs/processors/dialog-sweep.js';
import { noteIdle } from '../../scenes/support/idle.js';
import { dialogStorage } from '../../src/bot/dialog-storage.js';
import { monthHarness } from './month-harness.js';

const T0 = new Date('2026-06-01T00:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let h: Awaited<ReturnType<typeof monthHarness>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Opens (or renews) the dialog `key` at `at`, waiting `idle` minutes, through the bot's dialog storage. */
async function openDialog(at: Date, key: string, idle: number) {
  noteIdle(key, idle);
  await dialogStorage(h!.models, () => at).write(key, { version: ['x', 0], state: {} } as never);
}

const GROUP_NOTE = '张三: the dialog timed out (no answer for 30 minutes) and has ended. Please start again.';
const PRIVATE_NOTE = 'The dialog timed out (no answer for 30 minutes). Please start again.';

describe('the dialog sweep (worker job)', () => {
  it('ends stale dialogs with a note through the sender, where they were asked, in the right language', async () => {
    h = await monthHarness(['张三', 'Ann', '王五']);
    const { deps, group, users } = h;
    const [zhang, ann, wang] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]];
    await h.models.Branch.updateOne({ _id: h.branch._id }, { $set: { 'settings.language': 'en' } });
    await deps.services.users.setLanguage(ann.id, 'en');
    // Ann's dialog left a reply keyboard in her private chat.
    await h.api.sendMessage(ann.id, 'pick', { reply_markup: { keyboard: [[{ text: 'A' }]] } });
    expect((await h.sb.history(ann)).reply_keyboard).not.toBeNull();
    await openDialog(T0, `${group.id}:${zhang.id}`, 30);
    await openDialog(T0, `${ann.id}:${ann.id}`, 30);
    await openDialog(T0, `${wang.id}:${wang.id}`, 60);
    // A group the bot is no longer in: its note fails alone.
    await openDialog(T0, '-901:45', 5);
    // An answer came in at 20 minutes: that dialog lives on to 50.
    await openDialog(T0, `${group.id}:${wang.id}`, 30);
    await openDialog(minutes(20), `${group.id}:${wang.id}`, 30);

    expect(await processDialogSweep(deps, minutes(29))).toBe('ended 1');
    await h.drained();
    expect(await h.botTexts(group.id)).toEqual([]);
    expect(await processDialogSweep(deps, minutes(31))).toBe('ended 2');
    await h.drained();
    expect(await h.botTexts(group.id)).toEqual([GROUP_NOTE]);
    expect(await h.botTexts(ann)).toEqual(['pick', PRIVATE_NOTE]);
    expect((await h.sb.history(ann)).reply_keyboard).toBeNull();
    expect((await h.models.DialogState.find().sort({ _id: 1 }).lean()).map((d) => d._id).sort()).toEqual(
      [`${group.id}:${wang.id}`, `${wang.id}:${wang.id}`].sort(),
    );
    expect(await processDialogSweep(deps, minutes(31))).toBe('ended 0');

    // The same dialog ended again (a job retried after its notes were queued): no second note.
    await openDialog(T0, `${group.id}:${zhang.id}`, 30);
    expect(await processDialogSweep(deps, minutes(31))).toBe('ended 1');
    await h.drained();
    expect(await h.botTexts(group.id)).toEqual([GROUP_NOTE]);
  });

  it('a sweep that dies before queuing a note leaves the dialog ended, and the next one sends its note once', async () => {
    h = await monthHarness(['张三']);
    const { deps, group, users } = h;
    const key = `${group.id}:${users[0]!.id}`;
    const storage = dialogStorage(h.models, () => minutes(31));
    await openDialog(T0, key, 30);
    // Redis goes away as the note is queued.
    const away = { ...deps, outbox: { send: () => Promise.reject(new Error('redis away')) } };
    await expect(processDialogSweep(away, minutes(31))).rejects.toThrow('redis away');
    // The dialog is over for the person (the bot reads none), its record waits for the note.
    expect(await storage.read(key)).toBeUndefined();
    expect(await h.models.DialogState.countDocuments({ _id: key })).toBe(1);
    expect(await processDialogSweep(deps, minutes(32))).toBe('ended 1');
    expect(await processDialogSweep(deps, minutes(33))).toBe('ended 0');
    await h.drained();
    expect(await h.botTexts(group.id)).toEqual([
      '张三：操作已超时（30 分钟未回复），已自动结束，请重新开始。',
    ]);
    expect(await h.models.DialogState.countDocuments()).toBe(0);

    // Started again while its note waited: the new dialog lives, the old one's note is not sent.
    await openDialog(T0, key, 30);
    await expect(processDialogSweep(away, minutes(31))).rejects.toThrow('redis away');
    await openDialog(minutes(34), key, 30);
    expect(await storage.read(key)).toBeDefined();
    expect(await processDialogSweep(deps, minutes(35))).toBe('ended 0');
    expect(await h.models.DialogState.countDocuments({ _id: key })).toBe(1);
  });

  it('runs as the scheduled job "dialog-sweep" on the schedule queue', async () => {
    h = await monthHarness(['张三']);
    const { group, users } = h;
    const zhang = users[0]!;
    await openDialog(T0, `${group.id}:${zhang.id}`, 30);
    await openDialog(minutes(40), `${zhang.id}:${zhang.id}`, 30);
    expect(await h.runScheduled('dialog-sweep', { asOf: minutes(31).toISOString() })).toBe('ended 1');
    await h.drained();
    expect(await h.botTexts(group.id)).toEqual([
      '张三：操作已超时（30 分钟未回复），已自动结束，请重新开始。',
    ]);
    expect(await h.botTexts(zhang)).toEqual([]);
  });
});
