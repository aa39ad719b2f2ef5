// ORM vs hand-written prepared statements on the raw drivers, same process, same data.
// Run: npx tsx --conditions=@warden/source bench/orm/run.ts
import Database from 'better-sqlite3';
import pg from 'pg';
import { createClient } from '@warden/orm';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDialect } from '@warden/test-kit';
import { blogSchema } from '../../packages/orm/test/fixtures/blog-schema.js';
import { compare, printTable } from './measure.js';
import type { Row } from './measure.js';
import { POSTS, USERS, seed } from './seed.js';
import { rawOps } from './raw-ops.js';
import { ormOps } from './orm-ops.js';

const rows: Row[] = [];

function pgClient(url: string): pg.Client {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined); // the database is dropped with its connections at the end
  return c;
}

async function benchDialect(dialect: TestDialect): Promise<void> {
  const t = await createTestDatabase(dialect);
  // Seed through one client, then measure with fresh connections on both sides: a connection
  // that has just written 60,000 rows scans slower than a fresh one, which is not the ORM's cost.
  const seeder: any = createClient(blogSchema, { url: t.url });
  await seeder.$pushSchema();
  await seed(seeder);
  await seeder.$disconnect();
  const db: any = createClient(blogSchema, { url: t.url });
  try {
    const raw =
      dialect === 'sqlite'
        ? rawOps.sqlite(new Database(t.url.replace(/^file:/, '')))
        : rawOps.postgresql(pgClient(t.url));
    await raw.open();
    let i = 0;
    const next = () => (i = (i * 7919 + 13) % POSTS) + 1;
    const user = () => (next() % USERS) + 1;
    const scale = dialect === 'sqlite' ? 1 : 0.25;
    const none = () => 0;
    const cases: [
      string,
      Row['kind'],
      () => number,
      (o: typeof ormOps) => (a: number) => unknown,
      (r: typeof raw) => (a: number) => unknown,
      number,
    ][] = [
      ['findUnique', 'point', next, (o) => (a) => o.findUnique(db, a), (r) => r.findUnique, 3000],
      [
        'findMany include author+tags',
        'list',
        user,
        (o) => (a) => o.findManyInclude(db, a),
        (r) => r.findManyInclude,
        1000,
      ],
      [
        'findMany filter+order+page',
        'list',
        () => next() % 900,
        (o) => (a) => o.findManyPage(db, a),
        (r) => r.findManyPage,
        600,
      ],
      ['count', 'list', none, (o) => () => o.count(db), (r) => () => r.count(), 300],
      ['groupBy', 'list', none, (o) => () => o.groupBy(db), (r) => () => r.groupBy(), 100],
    ];
    for (const [op, kind, pick, o, r, n] of cases) {
      const res = await compare(o(ormOps), r(raw), pick, Math.max(30, Math.round(n * scale)));
      rows.push({ db: dialect, op, kind, ...res });
    }
    let id = POSTS + 1;
    const writes: [string, () => number, (a: number) => unknown, (a: number) => unknown, number][] =
      [
        ['create', user, (a) => ormOps.create(db, a), (a) => raw.create(a), 1000],
        [
          'nested create (post+2 tags)',
          () => id++,
          (a) => ormOps.nestedCreate(db, (a % USERS) + 1, a),
          (a) => raw.nestedCreate((a % USERS) + 1, a),
          500,
        ],
        ['update', next, (a) => ormOps.update(db, a), (a) => raw.update(a), 1000],
        ['upsert', next, (a) => ormOps.upsert(db, a), (a) => raw.upsert(a), 1000],
      ];
    for (const [op, pick, o, r, n] of writes) {
      const res = await compare(o, r, pick, Math.max(30, Math.round(n * scale)));
      rows.push({ db: dialect, op, kind: 'point', ...res });
    }
    // Each side deletes its own rows: the argument only counts rounds.
    const dn = Math.max(30, Math.round(400 * scale));
    const warm = 1000;
    const delIds = await ormOps.freshIds(db, 2 * (warm + dn) + 10);
    const res = await compare(
      () => ormOps.delete(db, delIds.pop()!),
      () => raw.delete(delIds.pop()!),
      none,
      dn,
      warm,
    );
    rows.push({ db: dialect, op: 'delete', kind: 'point', ...res });
    await raw.close();
  } finally {
    await db.$disconnect();
    await t.drop();
  }
}

const only = process.env.BENCH_DB;
for (const d of await testDialects()) if (!only || only === d) await benchDialect(d);
printTable(rows);
