// The visible-posts query of the blog example at 100,000 and 1,000,000 posts on PostgreSQL:
// the SQL `enhance(db, { user })` builds, its EXPLAIN (ANALYZE, BUFFERS), and its median time
// for several page sizes, to show that it uses the indexes and that its cost follows the page
// size, not the table size.
// Run: npx tsx --conditions=@warden/source bench/policy/scale.ts   (about two minutes)
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { loadSchema } from '@warden/language';
import { createClient, type QueryLogEvent } from '@warden/orm';
import { enhance } from '@warden/policy';
import { createTestDatabase, testDialects } from '@warden/test-kit';

const USERS = 1000;
const SIZES = [100_000, 1_000_000];
const PAGES = [10, 100, 1000];
const RUNS = 30;

async function blogSchema() {
  const text = readFileSync(new URL('../../examples/blog/schema.zmodel', import.meta.url), 'utf8');
  const r = await loadSchema({ text: text.replace('"sqlite"', '"postgresql"') });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.schema;
}

/** Grows the posts table to `total` rows: a third drafts, authors round-robin, one a second. */
async function growPosts(c: pg.Client, from: number, total: number): Promise<void> {
  await c.query(
    `insert into "Post" ("id", "createdAt", "updatedAt", "title", "content", "status", "authorId")
     select 'p' || g, timestamp '2026-01-01' - g * interval '1 second', now(), 'Post ' || g,
            'Body of post ' || g, case when g % 3 = 0 then 'draft' else 'published' end,
            'u' || (g % ${USERS})
     from generate_series($1::int, $2::int) g`,
    [from + 1, total],
  );
  await c.query('analyze "Post"');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

if (!(await testDialects()).includes('postgresql')) {
  console.log('PostgreSQL is not reachable: the scale study needs it; nothing measured.');
  process.exit(0);
}

const schema = await blogSchema();
const t = await createTestDatabase('postgresql');
let captured: QueryLogEvent | undefined;
const logged: any = createClient(schema, {
  url: t.url,
  log: (e) => {
    if (e.level === 'query' && /^select/.test(e.sql)) captured = e;
  },
});
const db: any = createClient(schema, { url: t.url });
const c = new pg.Client({ connectionString: t.url });
await c.connect();
try {
  await db.$pushSchema();
  await c.query(
    `insert into "User" ("id", "email", "password", "role", "updatedAt")
     select 'u' || g, 'u' || g || '@example.com', 'x', case when g % 2 = 0 then 'Writer' else 'Reader' end, now()
     from generate_series(0, ${USERS - 1}) g`,
  );
  const user = { id: 'u7', role: 'Reader' };
  const queries: [string, (take: number) => unknown][] = [
    ['visible posts, newest first', (take) => ({ orderBy: { createdAt: 'desc' }, take })],
    [
      'my posts (drafts too), newest first',
      (take) => ({ where: { authorId: user.id }, orderBy: { createdAt: 'desc' }, take }),
    ],
  ];
  let size = 0;
  const rows: string[] = [];
  for (const target of SIZES) {
    await growPosts(c, size, target);
    size = target;
    for (const [name, argsFor] of queries) {
      for (const take of PAGES) {
        const args = argsFor(take);
        await enhance(logged, { user }).post.findMany(args);
        const { sql, params } = captured!;
        const plan = (
          await c.query(`explain (analyze, buffers) ${sql}`, params as unknown[])
        ).rows.map((r) => r['QUERY PLAN'] as string);
        const times: number[] = [];
        const e = enhance(db, { user });
        for (let i = 0; i < RUNS + 5; i++) {
          const t0 = performance.now();
          const found = await e.post.findMany(args);
          if (i >= 5) times.push(performance.now() - t0);
          if (found.length === 0) throw new Error(`${name}: no rows`);
        }
        const nodes = plan
          .filter((l, i) => i === 0 || l.includes('->'))
          .map((l) =>
            l
              .trim()
              .replace(/^->\s*/, '')
              .replace(/\s+\(cost.*$/, ''),
          );
        const buffers = /shared hit=(\d+)(?: read=(\d+))?/.exec(plan.join('\n'));
        rows.push(
          `${String(size).padStart(9)}  ${name.padEnd(37)} take ${String(take).padStart(4)}  ${median(times).toFixed(2).padStart(7)} ms  buffers ${(Number(buffers?.[1] ?? 0) + Number(buffers?.[2] ?? 0)).toString().padStart(6)}  ${nodes.join(' > ')}`,
        );
        if (take === PAGES[0]) {
          console.log(`\n== ${size} posts, ${name}, take ${take}, as a Reader ==\n${sql}`);
          console.log(`params ${JSON.stringify(params)}\n${plan.join('\n')}`);
        }
      }
    }
  }
  console.log(
    `\n${'posts'.padStart(9)}  ${'query'.padEnd(37)} page       median      pages read  plan`,
  );
  for (const r of rows) console.log(r);
  const countTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await enhance(db, { user }).post.count();
    countTimes.push(performance.now() - t0);
  }
  console.log(
    `\ncount of visible posts at ${size} (what a paginated list's total costs): ${median(countTimes).toFixed(1)} ms`,
  );
} finally {
  await c.end();
  await logged.$disconnect();
  await db.$disconnect();
  await t.drop();
}
