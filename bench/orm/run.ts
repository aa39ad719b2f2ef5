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
    const cases: [
      string,
      Row['kind'],
      (o: typeof ormOps) => () => unknown,
      (r: typeof raw) => () => unknown,
      number,
    ][] = [
      [
        'findUnique',
        'point',
        (o) => () => o.findUnique(db, next()),
        (r) => () => r.findUnique(next()),
        3000,
      ],
      [
        'findMany include author+tags',
        'list',
        (o) => () => o.findManyInclude(db, user()),
        (r) => () => r.findManyInclude(user()),
        1000,
      ],
      [
        'findMany filter+order+page',
        'list',
        (o) => () => o.findManyPage(db, next() % 900),
        (r) => () => r.findManyPage(next() % 900),
        600,
      ],
      ['count', 'list', (o) => () => o.count(db), (r) => () => r.count(), 300],
      ['groupBy', 'list', (o) => () => o.groupBy(db), (r) => () => r.groupBy(), 100],
    ];
    for (const [op, kind, o, r, n] of cases) {
      const res = await compare(o(ormOps), r(raw), Math.max(30, Math.round(n * scale)));
      rows.push({ db: dialect, op, kind, ...res });
    }
    let id = POSTS + 1;
    const writes: [string, () => unknown, () => unknown, number][] = [
      ['create', () => ormOps.create(db, user()), () => raw.create(user()), 1000],
      [
        'nested create (post+2 tags)',
        () => ormOps.nestedCreate(db, user(), id++),
        () => raw.nestedCreate(user(), id++),
        500,
      ],
      ['update', () => ormOps.update(db, next()), () => raw.update(next()), 1000],
      ['upsert', () => ormOps.upsert(db, next()), () => raw.upsert(next()), 1000],
    ];
    for (const [op, o, r, n] of writes) {
      const res = await compare(o, r, Math.max(30, Math.round(n * scale)));
      rows.push({ db: dialect, op, kind: 'point', ...res });
    }
    const dn = Math.max(30, Math.round(400 * scale));
    const delIds = await ormOps.freshIds(db, 2 * (Math.min(200, dn) + dn) + 10);
    const res = await compare(
      () => ormOps.delete(db, delIds.pop()!),
      () => raw.delete(delIds.pop()!),
      dn,
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
