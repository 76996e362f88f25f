import { describe, expect, it } from 'vitest';
import { findInLayers, readSource, withoutComments } from '../support/source-scan.js';

/**
 * Messages leave the bot layer two ways only (README, "Layout"): the answer to the person who
 * acted (`ctx.reply…`, or `answerActor` of src/bot/reply-path.ts after a dialog) and the notify
 * port (src/bot/notify.ts), which puts everything else on the sender queue. A direct Bot API send
 * (`api.sendMessage(`, `.sendPhoto(`, ...) anywhere else in src/bot or scenes fails this test.
 */
const LAYERS = ['src/bot', 'scenes'];
/** The files allowed to, each with its reason. */
const ALLOWED: Record<string, string> = {
  'src/bot/reply-path.ts': 'the reply path itself: the answer to the acting person in their own chat',
};

/** A Bot API send method called on anything (`api.sendMessage(`, `api()\n.sendPhoto(`). */
const SEND =
  /\.\s*send(?:Message|Photo|Document|MediaGroup|Animation|Video|VideoNote|Audio|Voice|Sticker|Location|Venue|Contact|Poll|Dice|Invoice|Game|PaidMedia)\s*\(/g;

/** Each direct send in `code`, as written. */
export function directSends(code: string): string[] {
  return [...withoutComments(code).matchAll(SEND)].map((m) => m[0].replace(/\s+/g, ''));
}

describe('direct sends in the bot layer', () => {
  it('finds sends the way they are written (and not in comments)', () => {
    expect(directSends('await ctx.api.sendMessage(chatId, text)')).toEqual(['.sendMessage(']);
    expect(directSends('await api()\n  .sendPhoto(chatId, file)')).toEqual(['.sendPhoto(']);
    expect(directSends('// api.sendMessage(x)\n/* bot.api.sendDocument(y) */')).toEqual([]);
    expect(directSends('await ctx.reply(text); await outbox.send(msg); answerActor(api, id, t)')).toEqual([]);
  });

  it('src/bot and scenes send only through the reply path and the notify port', () => {
    expect(findInLayers(LAYERS, ALLOWED, directSends)).toEqual([]);
  });

  it('every allowed file still sends (an exception no longer needed is removed from the list)', () => {
    for (const f of Object.keys(ALLOWED)) expect(directSends(readSource(f)), f).not.toEqual([]);
  });
});
