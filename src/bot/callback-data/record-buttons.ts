const OID = '[0-9a-f]{24}';

/** What a record-button's data says: which action, on which stored record. */
export interface RecordButton<K extends string> {
  kind: K;
  id: string;
}

/**
 * Callback data of buttons that act on one stored record: `<kind>:<record id>`, packed, read and
 * matched in one place per feature (test/bot/callback-data.test.ts: every form ≤ 64 bytes).
 */
export function recordButtons<const K extends string>(kinds: readonly K[]) {
  const any = new RegExp(`^(${kinds.join('|')}):(${OID})$`);
  return {
    kinds,
    pack(kind: K, id: string | { toString(): string }): string {
      const s = id.toString();
      if (!new RegExp(`^${OID}$`).test(s)) throw new Error(`not a record id: ${s}`);
      return `${kind}:${s}`;
    },
    unpack(data: string): RecordButton<K> | null {
      const m = any.exec(data);
      return m ? { kind: m[1] as K, id: m[2]! } : null;
    },
    /** grammY's `callbackQuery` filter for some kinds: `ctx.match[1]` is the kind, `ctx.match[2]` the id. */
    filter(...only: K[]): RegExp {
      return new RegExp(`^(${only.join('|')}):(${OID})$`);
    },
  };
}
