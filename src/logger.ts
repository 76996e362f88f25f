import { pino, type Logger } from 'pino';

const TOKEN_IN_TEXT = /\d{5,20}:[A-Za-z0-9_-]{30,}/g;

/** Removes anything shaped like a bot token, wherever it hides (URLs in errors, messages). */
export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_IN_TEXT, '<bot-token>');
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrubSecrets(value.message), stack: scrubSecrets(value.stack ?? '') };
  }
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, depth + 1)]));
}

/** Structured JSON logs; the bot token never reaches the output. */
export function createLogger(level: string, name?: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      name,
      redact: {
        paths: ['token', 'botToken', '*.token', '*.botToken', 'config.botToken'],
        censor: '<bot-token>',
      },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination ?? process.stdout,
  );
}
