// enhance(db, { user }) vs the plain ORM vs hand-written SQL applying the same rule as a WHERE,
// on the ORM benchmark's data, in one process. A fresh enhanced client is made for every call
// (the per-request pattern), so its creation cost is included.
// Run: npx tsx --conditions=@warden/source bench/policy/run.ts   (BENCH_DB=sqlite|postgresql)
import Database from 'better-sqlite3';
import pg from 'pg';
import { createClient } from '@warden/orm';
import { enhance } from '@warden/policy';
import { createTestDatabase, testDialects, type TestDialect } from '@warden/test-kit';
import { POSTS, USERS, seed } from '../orm/seed.js';
import { policySchema } from './policy-schema.js';
import { rawPolicyOps } from './raw-policy-ops.js';
import { medianOf, time } from '../orm/measure.js';

interface Row {
  db: string;
  op: string;
  kind: 'point' | 'list';
  enhanced: number;
  plain: number;
  raw: number;
}

/**
 * Median µs per call of the three variants, called in turn (enhanced, plain, raw, enhanced, ...)
 * after a warm-up, so that all three see the same machine load and the same database state.
 */
async function measure(e: () => unknown, p: () => unknown, r: () => unknown, n: number) {
  for (let i = 0; i < Math.min(200, n); i++) {
    await e();
    await p();
    await r();
  }
  const te: number[] = [];
  const tp: number[] = [];
  const tr: number[] = [];
  for (let i = 0; i < n; i++) {
    te.push(await time(e));
    tp.push(await time(p));
    tr.push(await time(r));
  }
  return { enhanced: medianOf(te), plain: medianOf(tp), raw: medianOf(tr) };
}

const rows: Row[] = [];
const authorOf = (postId: number) => ((postId - 1) % USERS) + 1;

async function benchDialect(dialect: TestDialect): Promise<void> {
  const t = await createTestDatabase(dialect);
  // Seed through one client, then measure with fresh connections (as bench/orm does).
  const seeder: any = createClient({ ...policySchema, provider: dialect }, { url: t.url });
  await seeder.$pushSchema();
  await seed(seeder);
  await seeder.$disconnect();
  const db: any = createClient({ ...policySchema, provider: dialect }, { url: t.url });
  try {
    const raw =
      dialect === 'sqlite'
        ? rawPolicyOps.sqlite(new Database(t.url.replace(/^file:/, '')))
        : rawPolicyOps.postgresql(
            new pg.Client({ connectionString: t.url }).on('error', () => undefined),
          );
    await raw.open();
    let i = 0;
    const next = () => (i = (i * 7919 + 13) % POSTS) + 1;
    const as = (me: number) => enhance(db, { user: { id: me, role: 'USER' } });
    const scale = dialect === 'sqlite' ? 1 : 0.25;
    const n = (k: number) => Math.max(30, Math.round(k * scale));
    const cases: [string, Row['kind'], () => unknown, () => unknown, () => unknown, number][] = [
      [
        'findUnique (own or published)',
        'point',
        () => {
          const id = next();
          return as(authorOf(id + 1)).post.findUnique({ where: { id } });
        },
        () => {
          const id = next();
          return db.post.findUnique({ where: { id } });
        },
        () => {
          const id = next();
          return raw.findUnique(id, authorOf(id + 1));
        },
        3000,
      ],
      [
        'findMany include author+tags',
        'list',
        () => {
          const a = authorOf(next());
          return as(a).post.findMany({
            where: { authorId: a },
            take: 20,
            include: { author: true, tags: true },
          });
        },
        () => {
          const a = authorOf(next());
          return db.post.findMany({
            where: { authorId: a },
            take: 20,
            include: { author: true, tags: true },
          });
        },
        () => {
          const a = authorOf(next());
          return raw.findManyInclude(a, a);
        },
        1000,
      ],
      [
        'findMany filter+order+page',
        'list',
        () => {
          const v = next() % 900;
          return as(authorOf(v + 1)).post.findMany({
            where: { published: true, views: { gt: v } },
            orderBy: { createdAt: 'desc' },
            skip: 20,
            take: 20,
          });
        },
        () => {
          const v = next() % 900;
          return db.post.findMany({
            where: { published: true, views: { gt: v } },
            orderBy: { createdAt: 'desc' },
            skip: 20,
            take: 20,
          });
        },
        () => {
          const v = next() % 900;
          return raw.findManyPage(v, authorOf(v + 1));
        },
        600,
      ],
      [
        'count',
        'list',
        () => as(authorOf(next())).post.count({ where: { published: true } }),
        () => db.post.count({ where: { published: true } }),
        () => raw.count(authorOf(next())),
        300,
      ],
      [
        'update own post',
        'point',
        () => {
          const id = next();
          return as(authorOf(id)).post.update({ where: { id }, data: { views: { increment: 1 } } });
        },
        () => {
          const id = next();
          return db.post.update({ where: { id }, data: { views: { increment: 1 } } });
        },
        () => {
          const id = next();
          return raw.update(id, authorOf(id));
        },
        1000,
      ],
      [
        'create',
        'point',
        () => {
          const me = authorOf(next());
          return as(me).post.create({
            data: {
              title: `new ${Math.random()}`,
              content: 'c',
              published: true,
              views: 1,
              createdAt: new Date(),
              authorId: me,
            },
          });
        },
        () => {
          const me = authorOf(next());
          return db.post.create({
            data: {
              title: `new ${Math.random()}`,
              content: 'c',
              published: true,
              views: 1,
              createdAt: new Date(),
              authorId: me,
            },
          });
        },
        () => raw.create(authorOf(next())),
        1000,
      ],
    ];
    for (const [op, kind, e, p, r, k] of cases) {
      try {
        rows.push({ db: dialect, op, kind, ...(await measure(e, p, r, n(k))) });
      } catch (err) {
        console.error(`${dialect} ${op}: failed: ${(err as Error).message}`);
      }
    }
    await raw.close();
  } finally {
    await db.$disconnect();
    await t.drop();
  }
}

const only = process.env.BENCH_DB;
for (const d of await testDialects()) if (!only || only === d) await benchDialect(d);

const target = (r: Row) => (r.kind === 'point' ? 3 : 1.2);
console.log(
  `${'db'.padEnd(11)}${'operation'.padEnd(32)}${'enh µs'.padStart(9)}${'plain µs'.padStart(10)}${'raw µs'.padStart(9)}${'enh/raw'.padStart(9)}${'enh/plain'.padStart(11)}  target enh/raw`,
);
for (const r of rows) {
  const er = r.enhanced / r.raw;
  const ep = r.enhanced / r.plain;
  console.log(
    `${r.db.padEnd(11)}${r.op.padEnd(32)}${r.enhanced.toFixed(1).padStart(9)}${r.plain.toFixed(1).padStart(10)}${r.raw.toFixed(1).padStart(9)}${er.toFixed(2).padStart(9)}${ep.toFixed(2).padStart(11)}  <= ${target(r)} ${er <= target(r) ? 'ok' : 'MISSED'}`,
  );
}
