import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SANDBOX_BOT_TOKEN } from '../src/config.js';
import { createLogger } from '../src/logger.js';

const token = '123456789:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-Yzz';

describe('loadConfig', () => {
  it('defaults to sandbox mode, embedded store and local Redis when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      mode: 'sandbox',
      botToken: SANDBOX_BOT_TOKEN,
      apiRoot: 'http://127.0.0.1:8081',
      mongoUri: undefined,
      redisUrl: undefined,
      defaultTz: 'Asia/Shanghai',
      logLevel: 'info',
    });
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it('uses Telegram itself when a real token is given without an API root', () => {
    const c = loadConfig({
      BOT_TOKEN: token,
      MONGODB_URI: 'mongodb://db:27017/mp',
      REDIS_URL: 'redis://r:6379',
    });
    expect(c).toMatchObject({
      mode: 'telegram',
      botToken: token,
      apiRoot: undefined,
      mongoUri: 'mongodb://db:27017/mp',
    });
  });

  it('treats blank variables as unset and strips a trailing slash from the API root', () => {
    const c = loadConfig({ BOT_TOKEN: '  ', TELEGRAM_API_ROOT: 'http://127.0.0.1:9000/' });
    expect(c.mode).toBe('sandbox');
    expect(c.apiRoot).toBe('http://127.0.0.1:9000');
  });

  it('polls by default with 16 chats at once; webhook mode needs its URL and secret', () => {
    expect(loadConfig({})).toMatchObject({ botMode: 'polling', webhook: undefined, updateConcurrency: 16 });
    expect(() => loadConfig({ BOT_MODE: 'webhook', WEBHOOK_SECRET: 's' })).toThrow(/WEBHOOK_URL:/);
    expect(() => loadConfig({ BOT_MODE: 'webhook', WEBHOOK_URL: 'https://x.example/tg' })).toThrow(
      /WEBHOOK_SECRET:/,
    );
    const c = loadConfig({
      BOT_MODE: 'webhook',
      WEBHOOK_URL: 'https://x.example/tg',
      WEBHOOK_SECRET: 'abc_DEF-1',
      PORT: '8080',
      UPDATE_CONCURRENCY: '4',
    });
    expect(c).toMatchObject({
      botMode: 'webhook',
      webhook: { url: 'https://x.example/tg', secret: 'abc_DEF-1' },
      port: 8080,
      updateConcurrency: 4,
    });
  });

  it('refuses the sandbox in production, naming BOT_TOKEN', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /BOT_TOKEN: required when NODE_ENV=production/,
    );
    expect(loadConfig({ NODE_ENV: 'production', BOT_TOKEN: token }).mode).toBe('telegram');
  });

  it.each([
    ['BOT_TOKEN', 'not-a-token'],
    ['MONGODB_URI', 'postgres://x'],
    ['REDIS_URL', 'localhost:6379'],
    ['DEFAULT_TZ', 'Mars/Olympus'],
    ['LOG_LEVEL', 'loud'],
    ['TELEGRAM_API_ROOT', 'nope'],
    ['BOT_MODE', 'push'],
    ['WEBHOOK_SECRET', 'has space'],
    ['UPDATE_CONCURRENCY', '0'],
  ])('names %s when it is wrong', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });
});

describe('createLogger', () => {
  it('never writes the bot token, in messages, fields or errors', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const log = createLogger('info', 'test', sink);
    log.info({ url: `https://api.telegram.org/bot${token}/getMe`, token }, `calling bot${token}`);
    log.error({ err: new Error(`fetch failed for bot${token}/sendMessage`) }, 'boom');
    expect(out).toContain('calling bot<bot-token>');
    expect(out).toContain('fetch failed for bot<bot-token>');
    expect(out).not.toContain('AAEhBOweik6ad9r');
  });
});
