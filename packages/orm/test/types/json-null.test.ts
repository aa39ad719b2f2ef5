import { expectTypeOf, test } from 'vitest';
import { AnyNull, DbNull, JsonNull } from '../../src/index.js';
import type {
  CreateInput,
  InputJsonValue,
  JsonFieldInput,
  UpdateInput,
  WhereInput,
} from '../../src/index.js';
import type { schema } from './fixtures/blog-schema.js';
import { fakeClient } from './fixtures/fake-client.js';

const db = fakeClient<typeof schema>();
type S = typeof schema;
// `Post.meta` is `Json?`.
type Base = { title: string; score: number; authorId: string };

test('data: an optional Json field takes DbNull, JsonNull or JSON, not plain null', () => {
  expectTypeOf<Base & { meta: DbNull }>().toExtend<CreateInput<S, 'Post'>>();
  expectTypeOf<Base & { meta: JsonNull }>().toExtend<CreateInput<S, 'Post'>>();
  expectTypeOf<Base & { meta: { a: readonly [1, null] } }>().toExtend<CreateInput<S, 'Post'>>();
  expectTypeOf<Base & { meta: null }>().not.toExtend<CreateInput<S, 'Post'>>();
  expectTypeOf<Base & { meta: AnyNull }>().not.toExtend<CreateInput<S, 'Post'>>();
  expectTypeOf<{ meta: DbNull }>().toExtend<UpdateInput<S, 'Post'>>();
  expectTypeOf<{ meta: null }>().not.toExtend<UpdateInput<S, 'Post'>>();
  // A null value only stands for the whole field, never inside JSON.
  expectTypeOf<{ a: JsonNull }>().not.toExtend<InputJsonValue>();
  void db.post.create({ data: { title: 't', score: 1, authorId: 'a', meta: DbNull } });
  void db.post.update({ where: { id: 1 }, data: { meta: JsonNull } });
  void db.post.updateMany({ data: { meta: DbNull } });
  // @ts-expect-error plain null is ambiguous on a Json field
  void db.post.update({ where: { id: 1 }, data: { meta: null } });
  // @ts-expect-error AnyNull only filters
  void db.post.update({ where: { id: 1 }, data: { meta: AnyNull } });
  // @ts-expect-error null values are only for Json fields
  void db.post.update({ where: { id: 1 }, data: { content: DbNull } });
});

test('data: a required Json field takes JsonNull but not DbNull', () => {
  type Field = { name: 'doc'; dbName: 'doc'; kind: 'scalar'; type: 'Json'; list: false };
  type Required = Field & { optional: false };
  type Optional = Field & { optional: true };
  expectTypeOf<JsonNull>().toExtend<JsonFieldInput<Required>>();
  expectTypeOf<DbNull>().not.toExtend<JsonFieldInput<Required>>();
  expectTypeOf<DbNull>().toExtend<JsonFieldInput<Optional>>();
  expectTypeOf<null>().not.toExtend<JsonFieldInput<Optional>>();
});

test('where: equals / not take the three null values, and so does the field', () => {
  const where: WhereInput<S, 'Post'> = {
    meta: { equals: JsonNull },
    AND: [
      { meta: { not: DbNull } },
      { meta: { path: ['a'], equals: AnyNull } },
      { meta: AnyNull },
      { meta: { equals: { a: [1, null] } } },
    ],
  };
  void db.post.findMany({ where });
  // @ts-expect-error null values are only for Json fields
  void db.post.findMany({ where: { title: { equals: DbNull } } });
});
