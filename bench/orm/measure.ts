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
export async function measureAll<A>(
  variants: readonly ((arg: A) => unknown)[],
  pick: () => A,
  n: number,
): Promise<number[]> {
  for (let i = 0; i < Math.min(200, n); i++) {
    const arg = pick();
    for (const v of variants) await v(arg);
  }
  const times = variants.map((): number[] => []);
  const k = variants.length;
  for (let i = 0; i < n; i++) {
    const arg = pick();
    for (let j = 0; j < k; j++) {
      const at = (i + j) % k;
      times[at]!.push(await time(() => variants[at]!(arg)));
    }
  }
  return times.map(medianOf);
}

/** Median µs per call of the ORM and the raw version (see `measureAll`). */
export async function compare<A>(
  orm: (arg: A) => unknown,
  raw: (arg: A) => unknown,
  pick: () => A,
  n: number,
): Promise<{ orm: number; raw: number }> {
  const [o, r] = await measureAll([orm, raw], pick, n);
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
