// Memory under large query shapes: 1,000 requests, 20 transactions open at a time, each a
// findMany({ where: { id: { in: [30,000 ids] } }, take: N }) with N = 1..120 (120 shapes), then
// 1,000 requests of a shape that cannot be one parameter (a 2,000-branch OR, take 1..120).
// Before lists were bound as one parameter and caches were bounded by bytes, 120 of the first
// kind took a server from 142 MB to 2.6 GB. Prints RSS (start, peak, after GC) and the caches.
// Run: node --expose-gc --import tsx --conditions=@warden/source bench/orm/memory.ts
import { clientContext, createClient } from '@warden/orm';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDialect } from '@warden/test-kit';
import { blogSchema } from '../../packages/orm/test/fixtures/blog-schema.js';

/** The RSS ceiling this benchmark holds the process to, in MB (see bench/README.md). */
const CEILING_MB = 400;
const REQUESTS = 1000;
const OPEN = 20;
const SHAPES = 120;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (see the header)');
const mb = (n: number) => n / 1024 / 1024;
const rss = () => mb(process.memoryUsage().rss);
function settled(): number {
  for (let i = 0; i < 3; i++) gc!();
  return rss();
}

async function run(
  db: any,
  request: (tx: any, i: number) => Promise<unknown>,
): Promise<{ peak: number; after: number }> {
  let peak = rss();
  for (let i = 0; i < REQUESTS; i += OPEN) {
    await Promise.all(
      Array.from({ length: OPEN }, (_, j) => db.$transaction((tx: any) => request(tx, i + j))),
    );
    peak = Math.max(peak, rss());
  }
  return { peak, after: settled() };
}

async function benchDialect(dialect: TestDialect): Promise<string[]> {
  const t = await createTestDatabase(dialect);
  const db: any = createClient(blogSchema, { url: t.url });
  const out: string[] = [];
  try {
    await db.$pushSchema();
    await db.user.create({ data: { id: 1, email: 'a@x.io' } });
    await db.post.createMany({
      data: Array.from({ length: 2000 }, (_, i) => ({ title: `p${i}`, authorId: 1 })),
    });
    const ids = Array.from({ length: 30_000 }, (_, i) => i + 1);
    const ctx = clientContext(db);
    const start = settled();
    const lists = await run(db, (tx, i) =>
      tx.post.findMany({
        where: { id: { in: ids.slice() } },
        take: (i % SHAPES) + 1,
        select: { id: true },
      }),
    );
    const plansAfterLists = ctx.plans.size;
    const or = Array.from({ length: 2000 }, (_, i) => ({ id: i + 1 }));
    const ors = await run(db, (tx, i) =>
      tx.post.findMany({ where: { OR: or }, take: (i % SHAPES) + 1, select: { id: true } }),
    );
    const line = (name: string, r: { peak: number; after: number }, plans: string) =>
      `${dialect.padEnd(11)}${name.padEnd(30)}${start.toFixed(0).padStart(7)}${r.peak.toFixed(0).padStart(7)}${r.after.toFixed(0).padStart(7)}  ${plans}  ${r.peak <= CEILING_MB ? 'ok' : 'MISSED'}`;
    out.push(line('in: 30,000 ids, 120 takes', lists, `${plansAfterLists} plans`));
    out.push(
      line(
        'OR: 2,000 branches, 120 takes',
        ors,
        `${ctx.plans.size} plans, ~${mb(ctx.plans.bytes).toFixed(0)} MB est.`,
      ),
    );
  } finally {
    await db.$disconnect();
    await t.drop();
  }
  return out;
}

const only = process.env.BENCH_DB;
const lines: string[] = [];
for (const d of await testDialects())
  if (!only || only === d) lines.push(...(await benchDialect(d)));
console.log(
  `${REQUESTS} requests per row, ${OPEN} transactions open at a time; RSS in MB, ceiling ${CEILING_MB}`,
);
console.log(
  `${'db'.padEnd(11)}${'requests'.padEnd(30)}${'start'.padStart(7)}${'peak'.padStart(7)}${'GC'.padStart(7)}  caches`,
);
for (const l of lines) console.log(l);
