import { Redis } from 'ioredis';

/**
 * What a test's child process (test/support/*-child.ts) is given: its positional arguments, all
 * required (a missing one is a broken test, said at once), and Redis connections ready to use.
 */
export function childArgs<const N extends readonly string[]>(names: N): Record<N[number], string> {
  const given = process.argv.slice(2);
  if (given.length < names.length)
    throw new Error(`expected ${names.length} arguments (${names.join(' ')}), got ${given.length}`);
  return Object.fromEntries(names.map((n, i) => [n, given[i]!])) as Record<N[number], string>;
}

/** `count` connections to `url`, each once it is ready. */
export async function readyRedis(url: string, count = 1): Promise<Redis[]> {
  const conns = Array.from({ length: count }, () => new Redis(url));
  await Promise.all(conns.map((r) => new Promise((ok) => r.once('ready', ok))));
  return conns;
}
