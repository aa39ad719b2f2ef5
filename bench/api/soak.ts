// The hostile mix of issue 15 beside normal traffic: what one abusive client costs everybody
// else. Reports the normal requests' p99 with and without the mix, and the server's peak RSS.
import { readFileSync } from 'node:fs';
import { POSTS, USERS } from '../orm/seed.js';
import { load, type LoadResult } from './load.js';

/** Peak RSS the server may reach under the mix; see bench/README.md for why this figure. */
export const RSS_CEILING_MB = 512;
/** Normal-request p99 under the mix may be at most this multiple of its value without it. */
export const P99_RATIO_TARGET = 3;

const q = (args: unknown) => encodeURIComponent(JSON.stringify(args));

/** Normal traffic: point reads and one author's 20 newest posts, alternately. */
export function normalUrls(base: string): () => string {
  let k = 1;
  let n = 0;
  return () => {
    k = (k * 7919 + 13) % POSTS;
    return n++ % 2
      ? `${base}/api/model/post/findUnique?q=${q({ where: { id: k + 1 } })}`
      : `${base}/api/model/post/findMany?q=${q({ where: { authorId: (k % USERS) + 1 }, orderBy: { createdAt: 'desc' }, take: 20 })}`;
  };
}

interface HostileCounts {
  sent: number;
  answered: Record<number, number>;
}

/** One abusive client: sends its requests back to back until `signal` aborts. */
async function hostile(
  base: string,
  signal: AbortSignal,
  counts: HostileCounts,
  next: (i: number) => { path: string; method?: string; body?: string },
): Promise<void> {
  for (let i = 0; !signal.aborted; i++) {
    const r = next(i);
    try {
      const res = await fetch(`${base}/api/model/${r.path}`, {
        method: r.method ?? 'GET',
        ...(r.body && { body: r.body, headers: { 'content-type': 'application/json' } }),
        signal,
      });
      await res.arrayBuffer();
      counts.sent++;
      counts.answered[res.status] = (counts.answered[res.status] ?? 0) + 1;
    } catch {
      if (!signal.aborted) counts.answered[0] = (counts.answered[0] ?? 0) + 1;
    }
  }
}

const ids = Array.from({ length: 30_000 }, (_, i) => i + 1);

/** The mix: huge in-lists (a new shape per take), the N^2 include, the widest allowed include, a big createMany. */
const mix: Record<string, (i: number) => { path: string; method?: string; body?: string }> = {
  'in-list of 30,000 ids, take 1..120': (i) => ({
    path: '$transaction',
    method: 'POST',
    body: JSON.stringify([
      { model: 'Post', op: 'findMany', args: { where: { id: { in: ids } }, take: (i % 120) + 1 } },
    ]),
  }),
  'N^2 include (author.posts of every post)': (i) => ({
    path: `post/findMany?q=${q({ where: { authorId: (i % USERS) + 1 }, include: { author: { include: { posts: true } } } })}`,
  }),
  'widest allowed include (90 users x 100 posts)': () => ({
    path: `user/findMany?q=${q({ take: 90, include: { posts: { take: 100 } } })}`,
  }),
  'createMany of 5,000 rows': (i) => ({
    path: 'tag/createMany',
    method: 'POST',
    body: JSON.stringify({
      data: Array.from({ length: 5000 }, (_, j) => ({ name: `soak-${process.pid}-${i}-${j}` })),
    }),
  }),
};

/** VmHWM (peak resident set) of a process, in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

export interface SoakResult {
  readonly quiet: LoadResult;
  readonly hostile: LoadResult;
  readonly rssBeforeMb: number;
  readonly peakRssMb: number;
  readonly mix: Record<string, HostileCounts>;
}

/** Normal load alone, then normal load beside the hostile mix, each for `seconds`. */
export async function soak(base: string, pid: number, seconds: number): Promise<SoakResult> {
  const quiet = await load(normalUrls(base), 10, seconds);
  const rssBeforeMb = peakRssMb(pid);
  const stop = new AbortController();
  const counts: Record<string, HostileCounts> = {};
  const running = Object.entries(mix).map(([name, next]) => {
    counts[name] = { sent: 0, answered: {} };
    return hostile(base, stop.signal, counts[name]!, next);
  });
  const hostileLoad = await load(normalUrls(base), 10, seconds);
  stop.abort();
  await Promise.all(running);
  return { quiet, hostile: hostileLoad, rssBeforeMb, peakRssMb: peakRssMb(pid), mix: counts };
}
