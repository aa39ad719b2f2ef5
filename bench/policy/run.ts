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
import { measureAll } from '../orm/measure.js';
import { ormOps } from '../orm/orm-ops.js';

interface Row {
  db: string;
  op: string;
  kind: 'point' | 'list';
  enhanced: number;
  plain: number;
  raw: number;
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
    // Each case: how to pick a call's argument and the user making it, the ORM call (made on
    // the enhanced client for that user and on the plain client), and the raw statement.
    const cases: [
      string,
      Row['kind'],
      () => { arg: number; me: number },
      (db: any, arg: number) => unknown,
      (arg: number, me: number) => unknown,
      number,
    ][] = [
      [
        'findUnique (own or published)',
        'point',
        () => {
          const id = next();
          return { arg: id, me: authorOf(id + 1) };
        },
        ormOps.findUnique,
        (id, me) => raw.findUnique(id, me),
        3000,
      ],
      [
        'findMany include author+tags',
        'list',
        () => {
          const a = authorOf(next());
          return { arg: a, me: a };
        },
        ormOps.findManyInclude,
        (a, me) => raw.findManyInclude(a, me),
        1000,
      ],
      [
        'findMany filter+order+page',
        'list',
        () => {
          const v = next() % 900;
          return { arg: v, me: authorOf(v + 1) };
        },
        ormOps.findManyPage,
        (v, me) => raw.findManyPage(v, me),
        600,
      ],
      [
        'count',
        'list',
        () => ({ arg: 0, me: authorOf(next()) }),
        (c) => ormOps.count(c),
        (_, me) => raw.count(me),
        300,
      ],
      [
        'update own post',
        'point',
        () => {
          const id = next();
          return { arg: id, me: authorOf(id) };
        },
        ormOps.update,
        (id, me) => raw.update(id, me),
        1000,
      ],
      [
        'create',
        'point',
        () => {
          const me = authorOf(next());
          return { arg: me, me };
        },
        ormOps.create,
        (_, me) => raw.create(me),
        1000,
      ],
    ];
    for (const [op, kind, pick, call, rawCall, k] of cases) {
      // One argument (and user) per round for all three variants (see measureAll).
      const e = ({ arg, me }: { arg: number; me: number }) => call(as(me), arg);
      const p = ({ arg }: { arg: number }) => call(db, arg);
      const r = ({ arg, me }: { arg: number; me: number }) => rawCall(arg, me);
      try {
        const [enhanced, plain, rawUs] = await measureAll([e, p, r], pick, n(k));
        rows.push({ db: dialect, op, kind, enhanced: enhanced!, plain: plain!, raw: rawUs! });
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
