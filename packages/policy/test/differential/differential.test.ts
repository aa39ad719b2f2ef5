import { createClient } from '@warden/orm';
import type { PolicyOperation, SchemaDef } from '@warden/schema';
import { createTestDatabase, testDialects, type TestDatabase } from '@warden/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enhance, evaluateRule, type PolicyRow } from '../../src/index.js';
import { memoryResolver } from '../helpers/memory-resolver.js';
import { schemaFromText } from '../helpers/orm-db.js';
import { randomData, randomSchemaText, randomUser, rng } from './random-policy.js';

// 25 random schemas x 10 users x 8 comparisons = 2,000 cases per database per run.
const SCHEMAS = Number(process.env.POLICY_DIFF_SCHEMAS ?? 25);
const USERS = 10;
const BASE_SEED = Number(process.env.POLICY_DIFF_SEED ?? 20261123);
const ROLLBACK = new Error('rollback');

describe.each(await testDialects())(
  'differential: enhanced client vs reference evaluator on %s',
  (dialect) => {
    let test: TestDatabase;
    beforeAll(async () => {
      test = await createTestDatabase(dialect);
      const schema = await schemaFromText(randomSchemaText(rng(BASE_SEED)), dialect);
      const db = createClient(schema, { url: test.url }) as any;
      await db.$pushSchema({ acceptDataLoss: true });
      await db.$disconnect();
    });
    afterAll(async () => {
      await test.drop();
    });

    it(`agrees on ${SCHEMAS * USERS * 10} cases`, async () => {
      let cases = 0;
      const mismatches: string[] = [];
      for (let s = 0; s < SCHEMAS; s++) {
        const seed = BASE_SEED + s;
        const r = rng(seed);
        const text = randomSchemaText(r);
        const schema: SchemaDef = await schemaFromText(text, dialect);
        const data = randomData(r) as Record<string, PolicyRow[]>;
        const db = createClient(schema, { url: test.url }) as any;
        try {
          await db.c.deleteMany({});
          await db.b.deleteMany({});
          await db.user.deleteMany({});
          await db.user.createMany({ data: data.User });
          await db.b.createMany({ data: data.B });
          await db.c.createMany({ data: data.C });
          const resolve = memoryResolver(schema, data);
          const allowed = (model: string, op: PolicyOperation, user: unknown) =>
            (data[model] ?? [])
              .filter((row) => evaluateRule(schema, model, op, user as never, row, resolve))
              .map((row) => row.id as number);
          for (let u = 0; u < USERS; u++) {
            const user = randomUser(r, data.User!.length);
            const client = enhance(db, { user });
            const where = `seed ${seed} (POLICY_DIFF_SEED=${seed} POLICY_DIFF_SCHEMAS=1), user ${JSON.stringify(user)}`;
            const compare = (what: string, actual: unknown, expected: unknown) => {
              cases++;
              if (JSON.stringify(actual) !== JSON.stringify(expected)) {
                mismatches.push(
                  `${where}, ${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}\n${text}`,
                );
              }
            };
            const ids = (rows: { id: number }[]) => rows.map((x) => x.id);
            const readB = allowed('B', 'read', user);
            const readC = allowed('C', 'read', user);
            const readU = allowed('User', 'read', user);
            compare('B.findMany', ids(await client.b.findMany({ orderBy: { id: 'asc' } })), readB);
            compare('C.findMany', ids(await client.c.findMany({ orderBy: { id: 'asc' } })), readC);
            compare(
              'User.findMany',
              ids(await client.user.findMany({ orderBy: { id: 'asc' } })),
              readU,
            );
            compare('C.count', await client.c.count(), readC.length);
            // A Boolean fixed by the where is a constant in the read rule (fixFields).
            for (const flag of [true, false]) {
              compare(
                `B.findMany where flag ${flag}`,
                ids(await client.b.findMany({ where: { flag }, orderBy: { id: 'asc' } })),
                readB.filter((id) => data.B!.find((b) => b.id === id)!.flag === flag),
              );
            }
            const withCs = await client.b.findMany({
              orderBy: { id: 'asc' },
              include: { cs: { orderBy: { id: 'asc' } } },
            });
            compare(
              'B include cs',
              withCs.map((b: any) => [b.id, ids(b.cs)]),
              readB.map((id) => [
                id,
                data
                  .C!.filter((c) => c.bId === id && readC.includes(c.id as number))
                  .map((c) => c.id),
              ]),
            );
            compare(
              'User where bs some',
              ids(
                await client.user.findMany({ where: { bs: { some: {} } }, orderBy: { id: 'asc' } }),
              ),
              readU.filter((id) =>
                data.B!.some((b) => b.ownerId === id && readB.includes(b.id as number)),
              ),
            );
            let updated: unknown;
            await db
              .$transaction(async (tx: any) => {
                updated = await enhance(tx, { user }).c.updateMany({ data: { s: 'zz' } });
                throw ROLLBACK;
              })
              .catch((e: unknown) => {
                if (e !== ROLLBACK) throw e;
              });
            // An update or delete reaches only rows that are readable AND permitted.
            const reached = (op: 'update' | 'delete') =>
              allowed('C', op, user).filter((id) => readC.includes(id)).length;
            compare('C.updateMany', updated, { count: reached('update') });
            let deleted: unknown;
            await db
              .$transaction(async (tx: any) => {
                deleted = await enhance(tx, { user }).c.deleteMany({});
                throw ROLLBACK;
              })
              .catch((e: unknown) => {
                if (e !== ROLLBACK) throw e;
              });
            compare('C.deleteMany', deleted, { count: reached('delete') });
          }
        } finally {
          await db.$disconnect();
        }
      }
      expect(mismatches.slice(0, 3)).toEqual([]);
      expect(cases).toBe(SCHEMAS * USERS * 10);
    }, 600_000);
  },
);
