import type { Decimal } from 'decimal.js';
import { expectTypeOf, test } from 'vitest';
import type { schema } from './fixtures/blog-schema.js';
import { fakeClient } from './fixtures/fake-client.js';

const db = fakeClient<typeof schema>();

test('count: a number, or one number per selected field', () => {
  expectTypeOf(db.post.count()).resolves.toEqualTypeOf<number>();
  expectTypeOf(
    db.post.count({ where: { published: true }, select: true }),
  ).resolves.toEqualTypeOf<number>();
  expectTypeOf(db.post.count({ select: { _all: true, content: true } })).resolves.toEqualTypeOf<{
    _all: number;
    content: number;
  }>();
});

test('aggregate: typed per requested aggregate', () => {
  expectTypeOf(
    db.post.aggregate({
      where: { published: true },
      _count: { _all: true, title: true },
      _sum: { views: true, score: true },
      _avg: { price: true, score: true },
      _min: { publishedAt: true, title: true },
      _max: { status: true },
    }),
  ).resolves.toEqualTypeOf<{
    _count: { _all: number; title: number };
    _sum: { views: bigint | null; score: number | null };
    _avg: { price: Decimal | null; score: number | null };
    _min: { publishedAt: Date | null; title: string | null };
    _max: { status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED' | null };
  }>();
  expectTypeOf(db.post.aggregate({ _count: true })).resolves.toEqualTypeOf<{ _count: number }>();
});

test('groupBy: the by fields plus the aggregates', () => {
  expectTypeOf(
    db.post.groupBy({
      by: ['authorId', 'status'],
      _count: { _all: true },
      _avg: { score: true },
      having: { score: { _avg: { gt: 1 } } },
      orderBy: { authorId: 'asc' },
    }),
  ).resolves.toEqualTypeOf<
    {
      authorId: string;
      status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
      _count: { _all: number };
      _avg: { score: number | null };
    }[]
  >();
  expectTypeOf(db.post.groupBy({ by: 'published' })).resolves.toEqualTypeOf<
    { published: boolean }[]
  >();
});

test('wrong aggregate arguments are rejected', () => {
  // @ts-expect-error _sum only on numeric fields
  void db.post.aggregate({ _sum: { title: true } });
  // @ts-expect-error unknown field in _count
  void db.post.aggregate({ _count: { nope: true } });
  // @ts-expect-error _min not on Json
  void db.post.aggregate({ _min: { meta: true } });
  // @ts-expect-error unknown field in count's select
  void db.post.count({ select: { zz: true } });
  // @ts-expect-error groupBy by a relation
  void db.post.groupBy({ by: ['author'] });
  // @ts-expect-error groupBy needs by
  void db.post.groupBy({ _count: true });
});
