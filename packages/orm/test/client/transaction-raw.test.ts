import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { clientContext, isWardenError } from '../../src/index.js';
import { runInTransaction } from '../../src/client/transaction.js';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';

describe.each(await testDialects())('transactions and raw SQL on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  beforeAll(async () => {
    t = await openBlog(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());

  const tagCount = () => db.tag.count();

  it('$queryRaw binds values as parameters and returns rows', async () => {
    const evil = "x' or '1'='1";
    expect(await db.$queryRaw`select id from "Tag" where name = ${evil}`).toEqual([]);
    const rows = await db.$queryRaw`select name from "Tag" where id = ${2}`;
    expect(rows).toEqual([{ name: 'tech' }]);
    const since = new Date(Date.UTC(2024, 0, 4));
    const r = await db.$queryRaw`select count(*) as n from posts where created_at >= ${since}`;
    expect(Number(r[0].n)).toBe(2);
  });

  it('$executeRaw returns affected rows; $queryRawUnsafe binds params', async () => {
    expect(await db.$executeRaw`update "Tag" set name = name where id > ${1}`).toBe(2);
    const q =
      dialect === 'sqlite'
        ? 'select name from "Tag" where id = ?'
        : 'select name from "Tag" where id = $1';
    expect(await db.$queryRawUnsafe(q, 3)).toEqual([{ name: 'life' }]);
  });

  it('raw errors are WardenErrors: unique violations name the fields', async () => {
    const err = await db.$executeRaw`insert into "Tag" (id, name) values (${100}, ${'news'})`.catch(
      (e: unknown) => e,
    );
    expect(isWardenError(err) && err.code).toBe('UNIQUE_CONSTRAINT');
    expect((err as any).fields).toEqual(['name']);
    const fk =
      await db.$executeRaw`insert into "Profile" (id, bio, "userId") values (${100}, ${'x'}, ${999})`.catch(
        (e: unknown) => e,
      );
    expect(isWardenError(fk) && fk.code).toBe('FOREIGN_KEY');
    const bad = await db.$queryRaw`select * from no_such_table`.catch((e: unknown) => e);
    expect(isWardenError(bad) && bad.code).toBe('DB_ERROR');
  });

  it('interactive $transaction commits, and rolls back everything on throw', async () => {
    const before = await tagCount();
    const out = await db.$transaction(async (tx: any) => {
      await tx.$executeRaw`insert into "Tag" (id, name) values (${10}, ${'t10'})`;
      return tx.tag.count();
    });
    expect(out).toBe(before + 1);
    const err = await db
      .$transaction(async (tx: any) => {
        await tx.$executeRaw`insert into "Tag" (id, name) values (${11}, ${'t11'})`;
        expect(await tx.tag.findUnique({ where: { id: 11 } })).not.toBeNull();
        throw new Error('boom');
      })
      .catch((e: unknown) => e);
    expect((err as Error).message).toBe('boom');
    expect(await db.tag.findUnique({ where: { id: 11 } })).toBeNull();
    expect(await tagCount()).toBe(before + 1);
  });

  it('a failing statement inside a transaction rolls back the earlier ones', async () => {
    const before = await tagCount();
    const err = await db
      .$transaction(async (tx: any) => {
        await tx.$executeRaw`insert into "Tag" (id, name) values (${12}, ${'t12'})`;
        await tx.$executeRaw`insert into "Tag" (id, name) values (${13}, ${'news'})`;
      })
      .catch((e: unknown) => e);
    expect(isWardenError(err) && err.code).toBe('UNIQUE_CONSTRAINT');
    expect(await tagCount()).toBe(before);
  });

  it('$transaction([...]) runs lazy calls in order in one transaction', async () => {
    const before = await tagCount();
    const [a, b, c] = await db.$transaction([
      db.$executeRaw`insert into "Tag" (id, name) values (${20}, ${'t20'})`,
      db.tag.count(),
      db.tag.findUnique({ where: { id: 20 } }),
    ]);
    expect(a).toBe(1);
    expect(b).toBe(before + 1);
    expect(c).toEqual({ id: 20, name: 't20' });
    const err = await db
      .$transaction([
        db.$executeRaw`insert into "Tag" (id, name) values (${21}, ${'t21'})`,
        db.$executeRaw`insert into "Tag" (id, name) values (${22}, ${'t20'})`,
      ])
      .catch((e: unknown) => e);
    expect(isWardenError(err) && err.code).toBe('UNIQUE_CONSTRAINT');
    expect(await db.tag.findUnique({ where: { id: 21 } })).toBeNull();
  });

  it('runInTransaction reuses an outer transaction', async () => {
    const ctx = clientContext(db);
    const err = await runInTransaction(ctx, async (tx) => {
      await runInTransaction(tx, async (inner) => {
        expect(inner).toBe(tx);
        await inner.kysely.insertInto('Tag').values({ id: 30, name: 't30' }).execute();
      });
      throw new Error('outer fails');
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('outer fails');
    expect(await db.tag.findUnique({ where: { id: 30 } })).toBeNull();
  });

  it('isolation levels are accepted; a bad one is INVALID_INPUT', async () => {
    expect(
      await db.$transaction((tx: any) => tx.tag.count(), { isolationLevel: 'Serializable' }),
    ).toBeGreaterThan(0);
    const err = await db
      .$transaction((tx: any) => tx.tag.count(), { isolationLevel: 'Chaos' })
      .catch((e: unknown) => e);
    expect(isWardenError(err) && err.code).toBe('INVALID_INPUT');
  });

  it('$qb is the Kysely instance', async () => {
    const rows = await db.$qb.selectFrom('Tag').select('name').where('id', '=', 1).execute();
    expect(rows).toEqual([{ name: 'news' }]);
  });
});
