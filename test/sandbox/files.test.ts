import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { SandboxClient, type SbMessage, type SbUser } from '../support/sandbox-client.js';
import { RawBot, setup } from './helpers.js';

/** A 2×3 PNG: the header is all the sandbox reads for the size. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d494844520000000200000003080600000000000000000000000049454e44ae426082',
  'hex',
);

describe('photos, documents, getFile and downloads', () => {
  let sb: SandboxClient;
  let bot: RawBot;
  let ann: SbUser;

  beforeAll(async () => {
    ({ sb, bot } = await setup());
    ann = await sb.createUser({ first_name: 'Ann' });
    await sb.start(ann);
  });
  afterAll(() => sb.close());

  async function upload(
    method: string,
    field: string,
    name: string,
    data: Buffer,
    extra: Record<string, string> = {},
  ) {
    const fd = new FormData();
    fd.set('chat_id', String(ann.id));
    fd.set(field, new Blob([new Uint8Array(data)]), name);
    for (const [k, v] of Object.entries(extra)) fd.set(k, v);
    const res = await fetch(`${sb.url}/bot${bot.token}/${method}`, { method: 'POST', body: fd });
    return (await res.json()) as { ok: boolean; result: SbMessage; description?: string };
  }

  async function download(fileId: string): Promise<Buffer> {
    const f = await bot.ok<{ file_path: string; file_size: number }>('getFile', { file_id: fileId });
    const res = await fetch(`${sb.url}/file/bot${bot.token}/${f.file_path}`);
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  it('stores an uploaded photo with its size and caption, and serves it back', async () => {
    const a = await upload('sendPhoto', 'photo', 'p.png', PNG, { caption: '<b>图</b>', parse_mode: 'HTML' });
    expect(a.ok).toBe(true);
    expect(a.result).toMatchObject({
      caption: '图',
      caption_entities: [{ type: 'bold', offset: 0, length: 1 }],
    });
    const photo = a.result.photo!.at(-1)!;
    expect(photo).toMatchObject({ width: 2, height: 3 });
    expect(await download(photo.file_id)).toEqual(PNG);
    const again = await bot.ok<SbMessage>('sendPhoto', { chat_id: ann.id, photo: photo.file_id });
    expect(again.photo!.at(-1)!.file_id).toBe(photo.file_id);
  });

  it('stores a document with its name and mime type, by attach:// too', async () => {
    const csv = Buffer.from('姓名,分数\n张三,5\n');
    const a = await upload('sendDocument', 'document', '名单.csv', csv);
    expect(a.result.document).toMatchObject({ file_name: '名单.csv', mime_type: 'text/csv' });
    expect((await download(a.result.document!.file_id)).toString()).toBe(csv.toString());

    const fd = new FormData();
    fd.set('chat_id', String(ann.id));
    fd.set('document', 'attach://f1');
    fd.set('f1', new Blob(['x']), 'x.txt');
    const res = (await (
      await fetch(`${sb.url}/bot${bot.token}/sendDocument`, { method: 'POST', body: fd })
    ).json()) as {
      result: SbMessage;
    };
    expect(res.result.document?.file_name).toBe('x.txt');
  });

  it('refuses unknown file ids and missing files like Telegram', async () => {
    expect((await bot.call('getFile', { file_id: 'nope' })).body.description).toBe(
      'Bad Request: invalid file_id',
    );
    expect((await bot.call('sendPhoto', { chat_id: ann.id })).body.description).toBe(
      'Bad Request: there is no photo in the request',
    );
    expect((await fetch(`${sb.url}/file/bot${bot.token}/photos/none.jpg`)).status).toBe(404);
  });

  it('delivers photos users send, which the bot can download', async () => {
    await bot.drain();
    await sb.send(ann, ann, {
      photo: { data: PNG.toString('base64'), file_name: 'me.png' },
      caption: '自拍',
    });
    const [u] = await bot.drain<{ message: SbMessage }>();
    expect(u!.message.caption).toBe('自拍');
    expect(await download(u!.message.photo!.at(-1)!.file_id)).toEqual(PNG);
  });
});

describe('transcript', () => {
  it('records calls, updates and control actions, and is saved as JSON on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-transcript-'));
    const path = join(dir, 't.json');
    try {
      const server = await startSandbox({ port: 0, transcriptPath: path });
      const sb = SandboxClient.connect(server.url);
      const bot = new RawBot(server.url);
      await sb.useBot(bot.token);
      const ann = await sb.createUser({ first_name: 'Ann' });
      await sb.start(ann);
      await bot.ok('sendMessage', { chat_id: ann.id, text: '记录' });
      const live = (await sb.transcript()) as { kind: string }[];
      expect(live.map((e) => e.kind)).toEqual(expect.arrayContaining(['control', 'update', 'call']));
      await server.close();
      const saved = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
      const call = saved.find((e) => e.kind === 'call' && e.method === 'sendMessage');
      expect(call).toMatchObject({
        bot: bot.id,
        params: { chat_id: ann.id, text: '记录' },
        response: { ok: true },
      });
      expect(saved.some((e) => e.kind === 'update')).toBe(true);
      expect(typeof saved[0]!.at).toBe('string');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
