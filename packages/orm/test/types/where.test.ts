import { expectTypeOf, test } from 'vitest';
import type { WhereInput, WhereUniqueInput } from '../../src/types/index.js';
import type { schema } from './fixtures/blog-schema.js';
import { fakeClient } from './fixtures/fake-client.js';

const db = fakeClient<typeof schema>();
type S = typeof schema;

test('scalar filters per type', () => {
  const where: WhereInput<S, 'Post'> = {
    title: { contains: 'orm', mode: 'insensitive', not: { startsWith: 'x' } },
    content: null,
    id: { in: [1, 2], gt: 0 },
    score: { gte: 1.5, not: 2 },
    views: { lt: 10n, gt: 1 },
    price: { lte: '9.99' },
    published: { not: true },
    status: { notIn: ['ARCHIVED'] },
    publishedAt: { gte: '2024-01-01', lt: new Date() },
    cover: { equals: new Uint8Array([1]) },
    keywords: { hasSome: ['a', 'b'], isEmpty: false },
    meta: { path: ['settings', 'theme'], equals: 'dark' },
  };
  expectTypeOf(where).toExtend<WhereInput<S, 'Post'>>();
  void db.post.findMany({ where });
});

test('relation filters and AND / OR / NOT', () => {
  void db.post.findMany({
    where: {
      author: { is: { role: 'ADMIN' }, isNot: { email: { endsWith: '.test' } } },
      tags: { some: { name: 'a' }, none: { name: 'b' }, every: { id: { gt: 0 } } },
      AND: [{ published: true }, { OR: [{ status: 'DRAFT' }, { NOT: { title: 'x' } }] }],
    },
  });
  void db.user.findMany({
    where: { profile: null, posts: { some: { likes: { some: { userId: 'u' } } } } },
  });
  void db.user.findMany({ where: { profile: { is: null } } });
  void db.post.findMany({ where: { author: { email: 'a@b.c' } } });
});

test('unique inputs: id, @unique field, compound unique and compound id', () => {
  expectTypeOf<{ id: number }>().toExtend<WhereUniqueInput<S, 'Post'>>();
  expectTypeOf<{ authorId_title: { authorId: string; title: string } }>().toExtend<
    WhereUniqueInput<S, 'Post'>
  >();
  expectTypeOf<{ email: string; role: 'USER' }>().toExtend<WhereUniqueInput<S, 'User'>>();
  expectTypeOf<{ userId_postId: { userId: string; postId: number } }>().toExtend<
    WhereUniqueInput<S, 'Like'>
  >();
  expectTypeOf<{ title: string }>().not.toExtend<WhereUniqueInput<S, 'Post'>>();
  expectTypeOf<{ userId: string }>().not.toExtend<WhereUniqueInput<S, 'Like'>>();
});

test('orderBy, cursor, distinct, take, skip', () => {
  void db.post.findMany({
    orderBy: [
      { author: { email: 'asc' } },
      { publishedAt: { sort: 'desc', nulls: 'last' } },
      { id: 'asc' },
    ],
    cursor: { id: 10 },
    distinct: ['status', 'authorId'],
    take: -5,
    skip: 1,
  });
  void db.user.findMany({ orderBy: { posts: { _count: 'desc' } } });
});

test('wrong filters are rejected', () => {
  // @ts-expect-error unknown field
  void db.post.findMany({ where: { titel: 'x' } });
  // @ts-expect-error wrong value type
  void db.post.findMany({ where: { title: 1 } });
  // @ts-expect-error not an enum value
  void db.post.findMany({ where: { status: 'NOPE' } });
  // @ts-expect-error unknown field inside a relation filter
  void db.post.findMany({ where: { author: { is: { emial: 'x' } } } });
  // @ts-expect-error unknown field inside OR
  void db.post.findMany({ where: { OR: [{ title: 'x' }, { zzz: 1 }] } });
  // @ts-expect-error null on a required field
  void db.post.findMany({ where: { title: null } });
  // @ts-expect-error string filters do not apply to numbers
  void db.post.findMany({ where: { score: { contains: '1' } } });
  // @ts-expect-error `some` is for to-many relations
  void db.post.findMany({ where: { author: { some: {} } } });
  // @ts-expect-error list filters on a scalar list only
  void db.post.findMany({ where: { title: { has: 'x' } } });
  // @ts-expect-error orderBy on an unknown field
  void db.post.findMany({ orderBy: { nope: 'asc' } });
  // @ts-expect-error nulls ordering needs { sort }
  void db.post.findMany({ orderBy: { title: 'up' } });
  // @ts-expect-error distinct on a relation
  void db.post.findMany({ distinct: ['author'] });
});
