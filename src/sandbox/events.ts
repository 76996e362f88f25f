import type { ServerResponse } from 'node:http';

/** Server-sent events for the web page: each event names what changed so the page refetches it. */
export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private ping: NodeJS.Timeout | null = null;

  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    this.ping ??= setInterval(() => {
      for (const c of this.clients) c.write(': ping\n\n');
    }, 15_000).unref();
  }

  emit(type: string, data: Record<string, unknown>): void {
    if (this.clients.size === 0) return;
    const line = `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of this.clients) c.write(line);
  }

  close(): void {
    if (this.ping) clearInterval(this.ping);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
