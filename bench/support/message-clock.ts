/**
 * Notes the moment each message appears in the sandbox, from its live event stream
 * (`GET /sandbox/events`, one `message` event per new message with chat and message id). A bench
 * tells users' messages from the bots' by the ids the sandbox returned when it sent them.
 */
export interface Seen {
  messageId: number;
  /** performance.now() when the event arrived. */
  at: number;
}

export class MessageClock {
  private readonly byChat = new Map<number, Seen[]>();
  private readonly abort = new AbortController();

  private constructor() {}

  static async open(sandboxUrl: string): Promise<MessageClock> {
    const clock = new MessageClock();
    const res = await fetch(`${sandboxUrl}/sandbox/events`, { signal: clock.abort.signal });
    if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
    void clock.read(res.body).catch((err: unknown) => {
      if (!clock.abort.signal.aborted) console.error('event stream ended', err);
    });
    return clock;
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of body) {
      buf += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const event = buf.slice(0, end);
        buf = buf.slice(end + 2);
        if (!event.startsWith('event: message\n')) continue;
        const data = JSON.parse(event.slice(event.indexOf('data: ') + 6)) as {
          chat_id: number;
          message_id: number;
        };
        const list = this.byChat.get(data.chat_id) ?? [];
        list.push({ messageId: data.message_id, at: performance.now() });
        this.byChat.set(data.chat_id, list);
      }
    }
  }

  /** The messages of a chat seen since `since`, other than those in `exclude`, in order. */
  seen(chatId: number, since = 0, exclude?: Set<number>): Seen[] {
    return (this.byChat.get(chatId) ?? []).filter((s) => s.at >= since && !exclude?.has(s.messageId));
  }

  close(): void {
    this.abort.abort();
  }
}
