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
 * Median µs per call of the ORM and the raw version. Calls alternate (orm, raw, orm, ...) so
 * both see the same machine load, which on a shared machine matters more than anything else.
 */
export async function compare(
  orm: () => unknown,
  raw: () => unknown,
  n: number,
): Promise<{ orm: number; raw: number }> {
  const warm = Math.min(200, n);
  for (let i = 0; i < warm; i++) {
    await orm();
    await raw();
  }
  const o: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < n; i++) {
    o.push(await time(orm));
    r.push(await time(raw));
  }
  return { orm: medianOf(o), raw: medianOf(r) };
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
