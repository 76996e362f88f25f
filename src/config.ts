import { resolve } from 'node:path';
import { z } from 'zod';

/** A token of the shape Telegram issues: `<bot id>:<secret>`. */
const TOKEN_SHAPE = /^\d{1,20}:[A-Za-z0-9_-]{30,}$/;
/** The token the bot uses against the local sandbox when no BOT_TOKEN is given. */
export const SANDBOX_BOT_TOKEN = '7000000001:sandbox-model-post-bot-local-token-000';

const isZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const schema = z.object({
  BOT_TOKEN: z.string().regex(TOKEN_SHAPE, 'must look like 123456789:AA... (from @BotFather)').optional(),
  TELEGRAM_API_ROOT: z.url({ message: 'must be a URL such as http://127.0.0.1:8081' }).optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DEFAULT_TZ: z
    .string()
    .refine(isZone, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .default('mp'),
  BOT_MODE: z.enum(['polling', 'webhook']).default('polling'),
  WEBHOOK_URL: z.url({ message: 'must be the public https URL Telegram posts updates to' }).optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, '1-256 characters: letters, digits, _ and - (Telegram secret_token)')
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  UPDATE_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  FLOOD_COMMANDS: z.coerce.number().int().min(1).max(100_000).default(20),
  FLOOD_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(10),
  NODE_ENV: z.string().optional(),
});

export interface Config {
  /** `telegram` with a real BOT_TOKEN; `sandbox` talks to the local fake Bot API. */
  mode: 'telegram' | 'sandbox';
  botToken: string;
  /** grammY's apiRoot; undefined means Telegram's own. */
  apiRoot: string | undefined;
  /** undefined: start the embedded store under `dataDir`. */
  mongoUri: string | undefined;
  /** undefined: find or start a local Redis. */
  redisUrl: string | undefined;
  dataDir: string;
  defaultTz: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** BullMQ key prefix: tests give each worker process its own. */
  queuePrefix: string;
  /** How updates arrive: long polling (one replica at a time) or Telegram's POSTs (any replica). */
  botMode: 'polling' | 'webhook';
  /** Webhook mode: the URL given to setWebhook and the secret Telegram sends back with each POST. */
  webhook: { url: string; secret: string } | undefined;
  /** Port of the ops server (/healthz, /readyz, /metrics, the webhook); 0 picks a free one. */
  port: number | undefined;
  /** Chats handled at once by one process. */
  updateConcurrency: number;
  /** One person may send this many commands per window; more are dropped with one notice. */
  flood: { commands: number; windowMs: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment once; a wrong variable stops start-up with a message that names it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const raw = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, blank(env[k])]));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const sandbox = e.BOT_TOKEN === undefined;
  if (sandbox && e.NODE_ENV === 'production')
    throw new ConfigError(
      'Invalid environment:\n  BOT_TOKEN: required when NODE_ENV=production (the sandbox is for local use)',
    );
  if (e.BOT_MODE === 'webhook' && (!e.WEBHOOK_URL || !e.WEBHOOK_SECRET))
    throw new ConfigError(
      `Invalid environment:\n  ${e.WEBHOOK_URL ? 'WEBHOOK_SECRET' : 'WEBHOOK_URL'}: required when BOT_MODE=webhook`,
    );
  return {
    mode: sandbox ? 'sandbox' : 'telegram',
    botToken: e.BOT_TOKEN ?? SANDBOX_BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT?.replace(/\/+$/, '') ?? (sandbox ? 'http://127.0.0.1:8081' : undefined),
    mongoUri: e.MONGODB_URI,
    redisUrl: e.REDIS_URL,
    dataDir: resolve(e.DATA_DIR),
    defaultTz: e.DEFAULT_TZ,
    logLevel: e.LOG_LEVEL,
    queuePrefix: e.QUEUE_PREFIX,
    botMode: e.BOT_MODE,
    webhook: e.BOT_MODE === 'webhook' ? { url: e.WEBHOOK_URL!, secret: e.WEBHOOK_SECRET! } : undefined,
    port: e.PORT,
    updateConcurrency: e.UPDATE_CONCURRENCY,
    flood: { commands: e.FLOOD_COMMANDS, windowMs: e.FLOOD_WINDOW_S * 1000 },
  };
}
