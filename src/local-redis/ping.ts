import { createConnection } from 'node:net';

/** Sends one RESP command over a plain socket and returns the raw reply, or null if nothing answers. */
export function redisCommand(
  host: string,
  port: number,
  args: string[],
  timeoutMs = 800,
): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    let data = '';
    const done = (value: string | null) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.on('error', () => done(null));
    socket.on('connect', () => {
      socket.write(`*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join(''));
    });
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
      if (isComplete(data)) done(data);
    });
  });
}

function isComplete(reply: string): boolean {
  if (reply.startsWith('+') || reply.startsWith('-') || reply.startsWith(':')) return reply.endsWith('\r\n');
  // Arrays of bulk strings (CONFIG GET): count the lines we expect.
  const head = /^\*(\d+)\r\n/.exec(reply);
  if (!head) return reply.endsWith('\r\n');
  const items = Number(head[1]);
  return reply.split('\r\n').length - 1 >= 1 + items * 2;
}

export async function pingRedis(host: string, port: number): Promise<boolean> {
  const reply = await redisCommand(host, port, ['PING']);
  return reply !== null && (reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
}

/** The server's maxmemory-policy, or null when it cannot be read (e.g. CONFIG is disabled). */
export async function maxmemoryPolicy(host: string, port: number): Promise<string | null> {
  const reply = await redisCommand(host, port, ['CONFIG', 'GET', 'maxmemory-policy']);
  if (!reply || !reply.startsWith('*2')) return null;
  const lines = reply.split('\r\n');
  return lines[4] ?? null;
}
