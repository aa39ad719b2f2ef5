export interface Row {
  db: string;
  op: string;
  kind: 'point' | 'list';
  orm: number;
  raw: number;
}

/** Microseconds one call takes, awaited. */
export async function time(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1000;
}

export function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/**
 * Median µs per call of each variant. Every round draws one argument with `pick` and calls all
 * variants with it, starting with a different variant each round: each then sees the same
 * arguments, the same machine load and the same predecessors. (Drawing an argument per call
 * gave each variant its own subsequence of arguments, and a fixed order made one variant always
 * follow the raw driver's connection; both skewed the medians by 10-25% on the page query.)
 */
/** The most warm-up rounds `measureAll` makes (a case that uses up rows must provide them). */
export const WARM_ROUNDS = 5000;

export async function measureAll<A>(
  variants: readonly ((arg: A) => unknown)[],
  pick: () => A,
  n: number,
  maxWarm = WARM_ROUNDS,
): Promise<number[]> {
  // Warm up until the JIT has settled: 200 rounds was too few for the longer code paths (the
  // enhanced client's findUnique measured 1.26x the plain one after 200 rounds, 1.07x in a
  // steady loop), so up to WARM_ROUNDS rounds, stopping after two seconds for slow statements.
  const warmEnd = performance.now() + 2000;
  for (let i = 0; i < maxWarm && (i < 200 || performance.now() < warmEnd); i++) {
    const arg = pick();
    for (const v of variants) await v(arg);
  }
  const times = variants.map((): number[] => []);
  const orders = permutations(variants.length);
  for (let i = 0; i < n; i++) {
    const arg = pick();
    for (const at of orders[i % orders.length]!) {
      times[at]!.push(await time(() => variants[at]!(arg)));
    }
  }
  return times.map(medianOf);
}

/** Every order of `0..k-1`, so that over the rounds each variant follows each other one equally often. */
function permutations(k: number): number[][] {
  if (k <= 1) return [[0].slice(0, k)];
  const out: number[][] = [];
  for (const rest of permutations(k - 1))
    for (let at = 0; at <= rest.length; at++)
      out.push([...rest.slice(0, at), k - 1, ...rest.slice(at)]);
  return out;
}

/** Median µs per call of the ORM and the raw version (see `measureAll`). */
export async function compare<A>(
  orm: (arg: A) => unknown,
  raw: (arg: A) => unknown,
  pick: () => A,
  n: number,
  maxWarm = WARM_ROUNDS,
): Promise<{ orm: number; raw: number }> {
  const [o, r] = await measureAll([orm, raw], pick, n, maxWarm);
  return { orm: o!, raw: r! };
}

export function printTable(rows: Row[]): void {
  const target = (r: Row) => (r.kind === 'point' ? 3 : 1.2);
  console.log(
    `${'db'.padEnd(11)}${'operation'.padEnd(30)}${'orm µs'.padStart(10)}${'raw µs'.padStart(10)}${'ratio'.padStart(8)}  target`,
  );
  for (const r of rows) {
    const ratio = r.orm / r.raw;
    console.log(
      `${r.db.padEnd(11)}${r.op.padEnd(30)}${r.orm.toFixed(1).padStart(10)}${r.raw.toFixed(1).padStart(10)}${ratio.toFixed(2).padStart(8)}  <= ${target(r)} ${ratio <= target(r) ? 'ok' : 'MISSED'}`,
    );
  }
}
