import type { SandboxClient } from '../../test/support/sandbox-client.js';

interface Entry {
  at: string;
  kind: string;
  bot?: number;
  method?: string;
}

/** Polling, and the bench's own calls when a phase hits its cap (settle.ts, dropPending). */
const IGNORED = new Set(['getUpdates', 'getWebhookInfo', 'deleteWebhook']);

/**
 * The Bot API calls each bot made between two instants, per update it was sent, by method
 * (polling and the bench's own calls left out), read from the sandbox's transcript: e.g. `sendMessage 1.00, getChatMember 0.02`.
 */
export async function callsPerUpdate(
  sb: SandboxClient,
  bots: { id: number; updates: number }[],
  from: Date,
  to: Date,
): Promise<string[]> {
  const entries = await sb.call<Entry[]>('GET', '/transcript');
  return bots.map(({ id, updates }) => {
    const counts = new Map<string, number>();
    for (const e of entries) {
      if (e.kind !== 'call' || e.bot !== id || !e.method || IGNORED.has(e.method)) continue;
      const at = new Date(e.at);
      if (at < from || at > to) continue;
      counts.set(e.method, (counts.get(e.method) ?? 0) + 1);
    }
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([method, n]) => `${method} ${(n / updates).toFixed(2)}`)
      .join(', ');
  });
}
