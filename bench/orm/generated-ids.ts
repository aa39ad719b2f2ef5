// Creates with ids the ORM generates (`@default(cuid())`) vs the same inserts hand-written on
// the raw drivers with the id made by the same generator, same process, same database.
// Run: npx tsx --conditions=@warden/source bench/orm/generated-ids.ts
// Target: create and nested create (a user with 3 posts) within 2x of the raw driver.
import Database from 'better-sqlite3';
import pg from 'pg';
import { createId } from '@paralleldrive/cuid2';
import { loadSchema } from '@warden/language';
import { createClient } from '@warden/orm';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDialect } from '@warden/test-kit';
import { cuid } from '../../packages/orm/src/write/cuid.js';
import { compare } from './measure.js';

const schemaText = (provider: TestDialect) => `
datasource db {
  provider = "${provider}"
  url = "file:./x.db"
}
model User {
  id        String   @id @default(cuid())
  email     String   @unique
  name      String?
  createdAt DateTime @default(now())
  posts     Post[]
}
model Post {
  id        String   @id @default(cuid())
  title     String
  published Boolean  @default(false)
  createdAt DateTime @default(now())
  authorId  String
  author    User     @relation(fields: [authorId], references: [id])
}
`;

const USER_COLS = `id, email, name, "createdAt"`;
const POST_COLS = `id, title, published, "createdAt", "authorId"`;

interface Raw {
  create(n: number): unknown;
  nested(n: number): unknown;
  close(): Promise<void>;
}

function rawSqlite(file: string): Raw {
  const db = new Database(file);
  const user = db.prepare(
    `insert into "User" (id, email, name, "createdAt") values (?, ?, ?, ?) returning ${USER_COLS}`,
  );
  const post = db.prepare(
    `insert into "Post" (id, title, published, "createdAt", "authorId") values (?, ?, 0, ?, ?) returning ${POST_COLS}`,
  );
  return {
    create: (n) => user.get(cuid(), `raw${n}@x.io`, 'Raw', new Date().toISOString()),
    nested: db.transaction((n: number) => {
      const now = new Date().toISOString();
      const u = user.get(cuid(), `rawn${n}@x.io`, null, now) as { id: string };
      for (const title of ['a', 'b', 'c']) post.get(cuid(), title, now, u.id);
      return u;
    }),
    close: async () => {
      db.close();
    },
  };
}

async function rawPostgres(url: string): Promise<Raw> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  const q = (name: string, text: string, values: unknown[]) =>
    c.query({ name, text, values }).then((r) => r.rows[0]);
  const userSql = `insert into "User" (id, email, name, "createdAt") values ($1, $2, $3, $4) returning ${USER_COLS}`;
  const postSql = `insert into "Post" (id, title, published, "createdAt", "authorId") values ($1, $2, false, $3, $4) returning ${POST_COLS}`;
  return {
    create: (n) => q('u', userSql, [cuid(), `raw${n}@x.io`, 'Raw', new Date()]),
    nested: async (n) => {
      await c.query('begin');
      const now = new Date();
      const u = await q('u', userSql, [cuid(), `rawn${n}@x.io`, null, now]);
      for (const title of ['a', 'b', 'c']) await q('p', postSql, [cuid(), title, now, u.id]);
      await c.query('commit');
      return u;
    },
    close: () => c.end(),
  };
}

async function benchDialect(dialect: TestDialect): Promise<string[]> {
  const loaded = await loadSchema({ text: schemaText(dialect) });
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const t = await createTestDatabase(dialect);
  const db: any = createClient(loaded.schema, { url: t.url });
  const out: string[] = [];
  try {
    await db.$pushSchema();
    const raw =
      dialect === 'sqlite' ? rawSqlite(t.url.replace(/^file:/, '')) : await rawPostgres(t.url);
    let n = 0;
    const next = () => n++;
    const scale = dialect === 'sqlite' ? 1 : 0.25;
    const cases: [string, (a: number) => unknown, (a: number) => unknown, number][] = [
      [
        'create (cuid id)',
        (a) => db.user.create({ data: { email: `orm${a}@x.io`, name: 'Orm' } }),
        (a) => raw.create(a),
        1000,
      ],
      [
        'nested create (user + 3 posts)',
        (a) =>
          db.user.create({
            data: {
              email: `ormn${a}@x.io`,
              posts: { create: [{ title: 'a' }, { title: 'b' }, { title: 'c' }] },
            },
          }),
        (a) => raw.nested(a),
        500,
      ],
    ];
    for (const [op, o, r, count] of cases) {
      const res = await compare(o, r, next, Math.max(50, Math.round(count * scale)), 1000);
      const ratio = res.orm / res.raw;
      out.push(
        `${dialect.padEnd(11)}${op.padEnd(32)}${res.orm.toFixed(1).padStart(9)}${res.raw.toFixed(1).padStart(9)}${ratio.toFixed(2).padStart(8)}  <= 2 ${ratio <= 2 ? 'ok' : 'MISSED'}`,
      );
    }
    await raw.close();
  } finally {
    await db.$disconnect();
    await t.drop();
  }
  return out;
}

/** µs per id of the two generators, synchronous CPU each id costs a request. */
function generatorCost(): string {
  const per = (f: () => string, count: number) => {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) f();
    return ((performance.now() - t0) * 1000) / count;
  };
  per(cuid, 20_000);
  per(createId, 200);
  return `id generators: cuid() ${per(cuid, 200_000).toFixed(2)} µs/id, cuid(2) ${per(createId, 2000).toFixed(1)} µs/id`;
}

const only = process.env.BENCH_DB;
const lines: string[] = [];
for (const d of await testDialects())
  if (!only || only === d) lines.push(...(await benchDialect(d)));
console.log(
  `${'db'.padEnd(11)}${'operation'.padEnd(32)}${'orm µs'.padStart(9)}${'raw µs'.padStart(9)}${'ratio'.padStart(8)}  target`,
);
for (const l of lines) console.log(l);
console.log(generatorCost());
