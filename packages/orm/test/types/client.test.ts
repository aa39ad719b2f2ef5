import type { Kysely } from 'kysely';
import type { SchemaDef } from '@warden/schema';
import { expectTypeOf, test } from 'vitest';
import type { ModelDelegate, WardenClient } from '../../src/types/index.js';
import type { schema } from './fixtures/blog-schema.js';
import { fakeClient } from './fixtures/fake-client.js';

const db = fakeClient<typeof schema>();
type S = typeof schema;

test('one delegate per model, under its lower-camel name', () => {
  expectTypeOf(db.user).toEqualTypeOf<ModelDelegate<S, 'User'>>();
  expectTypeOf(db.post).toEqualTypeOf<ModelDelegate<S, 'Post'>>();
  expectTypeOf<keyof WardenClient<S> & string>().toExtend<string>();
  expectTypeOf<'user' | 'post' | 'tag' | 'profile' | 'like'>().toExtend<keyof WardenClient<S>>();
  // @ts-expect-error no such model
  void db.comment;
  // @ts-expect-error delegates use the lower-camel name
  void db.User;
});

test('$transaction: interactive and batch forms', async () => {
  const out = await db.$transaction(
    async (tx) => {
      expectTypeOf(tx).toEqualTypeOf<WardenClient<S>>();
      return tx.user.count();
    },
    { isolationLevel: 'Serializable' },
  );
  expectTypeOf(out).toEqualTypeOf<number>();
  const batch = db.$transaction([db.user.count(), db.tag.findMany({ select: { name: true } })]);
  expectTypeOf(batch).resolves.toEqualTypeOf<[number, { name: string }[]]>();
  // @ts-expect-error unknown isolation level
  void db.$transaction(async () => 1, { isolationLevel: 'Chaos' });
});

test('raw queries, query builder, lifecycle', () => {
  const id = 'u1';
  expectTypeOf(
    db.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${id}`,
  ).resolves.toEqualTypeOf<{ id: string }[]>();
  expectTypeOf(db.$queryRaw`SELECT 1`).resolves.toEqualTypeOf<unknown[]>();
  expectTypeOf(db.$executeRaw`DELETE FROM "Tag" WHERE id = ${1}`).resolves.toEqualTypeOf<number>();
  expectTypeOf(db.$qb).toEqualTypeOf<Kysely<any>>();
  expectTypeOf(db.$disconnect()).resolves.toEqualTypeOf<void>();
  expectTypeOf(db.$pushSchema({ acceptDataLoss: true })).resolves.toEqualTypeOf<{
    applied: string[];
    warnings: string[];
  }>();
});

test('exists and the policy check', () => {
  expectTypeOf(db.post.exists({ where: { published: true } })).resolves.toEqualTypeOf<boolean>();
  expectTypeOf(
    db.post.check({ operation: 'read', where: { status: 'DRAFT', authorId: 'u1' } }),
  ).resolves.toEqualTypeOf<boolean>();
  // @ts-expect-error unknown operation
  void db.post.check({ operation: 'write' });
  // check's where is a query's where: filters, AND / OR / NOT and to-one relations.
  expectTypeOf(
    db.post.check({
      operation: 'update',
      where: { title: { contains: 'x' }, OR: [{ published: true }, { author: { role: 'ADMIN' } }] },
    }),
  ).resolves.toEqualTypeOf<boolean>();
  void db.post.check({ operation: 'read', field: 'title', where: { id: { gt: 1 } } });
  // @ts-expect-error an unknown field in check's where
  void db.post.check({ operation: 'read', where: { nope: 1 } });
  // @ts-expect-error 'all' is a rule's operation list, not something to check
  void db.post.check({ operation: 'all' });
});

test('a SchemaDef that is not a literal still gives a usable, loose client', () => {
  const loose = fakeClient<SchemaDef>();
  expectTypeOf(loose.anything?.count()).toExtend<Promise<number> | undefined>();
});
