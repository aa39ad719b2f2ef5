import type { Decimal } from 'decimal.js';
import { expectTypeOf, test } from 'vitest';
import type { JsonValue } from '../../src/types/index.js';
import type { schema } from './fixtures/blog-schema.js';
import { fakeClient } from './fixtures/fake-client.js';

const db = fakeClient<typeof schema>();

test('findMany without arguments returns every non-@omit scalar field', () => {
  expectTypeOf(db.user.findMany()).resolves.toEqualTypeOf<
    {
      id: string;
      email: string;
      name: string | null;
      role: 'USER' | 'ADMIN';
      createdAt: Date;
      updatedAt: Date;
    }[]
  >();
  expectTypeOf(db.post.findMany()).resolves.toEqualTypeOf<
    {
      id: number;
      title: string;
      content: string | null;
      published: boolean;
      status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
      views: bigint;
      score: number;
      price: Decimal | null;
      meta: JsonValue;
      cover: Uint8Array | null;
      keywords: string[];
      publishedAt: Date | null;
      authorId: string;
    }[]
  >();
});

test('select picks fields and relations', () => {
  expectTypeOf(
    db.post.findMany({
      select: { id: true, title: true, author: true, tags: { select: { name: true } } },
    }),
  ).resolves.toEqualTypeOf<
    {
      id: number;
      title: string;
      author: {
        id: string;
        email: string;
        name: string | null;
        role: 'USER' | 'ADMIN';
        createdAt: Date;
        updatedAt: Date;
      };
      tags: { name: string }[];
    }[]
  >();
});

test('include adds relations: to-one optional is nullable, to-many is an array', () => {
  const q = db.user.findUnique({
    where: { id: 'u1' },
    include: { profile: true, posts: { select: { id: true }, where: { published: true } } },
  });
  expectTypeOf(q).resolves.toEqualTypeOf<{
    id: string;
    email: string;
    name: string | null;
    role: 'USER' | 'ADMIN';
    createdAt: Date;
    updatedAt: Date;
    profile: { id: number; bio: string | null; userId: string } | null;
    posts: { id: number }[];
  } | null>();
});

test('create returns the created row shaped by select', () => {
  const q = db.post.create({
    data: { title: 'Hello', score: 1, author: { connect: { id: 'u1' } } },
    select: { id: true, author: { select: { email: true } } },
  });
  expectTypeOf(q).resolves.toEqualTypeOf<{ id: number; author: { email: string } }>();
});

test('findUnique is nullable, the OrThrow variants are not', () => {
  expectTypeOf(db.tag.findUnique({ where: { name: 'orm' } })).resolves.toEqualTypeOf<{
    id: number;
    name: string;
  } | null>();
  expectTypeOf(db.tag.findUniqueOrThrow({ where: { id: 1 } })).resolves.toEqualTypeOf<{
    id: number;
    name: string;
  }>();
  expectTypeOf(db.tag.findFirst()).resolves.toEqualTypeOf<{ id: number; name: string } | null>();
  expectTypeOf(
    db.tag.findFirstOrThrow({ where: { name: { startsWith: 'o' } } }),
  ).resolves.toEqualTypeOf<{
    id: number;
    name: string;
  }>();
});

test('omit removes fields and brings back @omit ones with false', () => {
  expectTypeOf(
    db.user.findFirstOrThrow({ omit: { password: false, email: true, createdAt: true } }),
  ).resolves.toEqualTypeOf<{
    id: string;
    name: string | null;
    role: 'USER' | 'ADMIN';
    updatedAt: Date;
    password: string;
  }>();
  expectTypeOf(db.user.findFirstOrThrow({ select: { password: true } })).resolves.toEqualTypeOf<{
    password: string;
  }>();
});

test('include with omit, nested include and _count', () => {
  const q = db.post.findFirstOrThrow({
    omit: { meta: true, cover: true, keywords: true, price: true, views: true, score: true },
    include: {
      author: { include: { profile: true }, omit: { createdAt: true, updatedAt: true } },
      _count: { select: { tags: true } },
    },
  });
  expectTypeOf(q).resolves.toEqualTypeOf<{
    id: number;
    title: string;
    content: string | null;
    published: boolean;
    status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
    publishedAt: Date | null;
    authorId: string;
    author: {
      id: string;
      email: string;
      name: string | null;
      role: 'USER' | 'ADMIN';
      profile: { id: number; bio: string | null; userId: string } | null;
    };
    _count: { tags: number };
  }>();
});

test('_count: true counts every to-many relation', () => {
  expectTypeOf(db.user.findFirstOrThrow({ select: { _count: true } })).resolves.toEqualTypeOf<{
    _count: { posts: number; likes: number };
  }>();
  expectTypeOf(
    db.user.findFirstOrThrow({
      select: { id: true, _count: { select: { posts: { where: { published: true } } } } },
    }),
  ).resolves.toEqualTypeOf<{ id: string; _count: { posts: number } }>();
});

test('deep nesting through to-many and back to-one', () => {
  const q = db.user.findMany({
    select: {
      email: true,
      posts: {
        where: { published: true },
        orderBy: { id: 'desc' },
        take: 3,
        select: {
          title: true,
          tags: { select: { name: true } },
          likes: { select: { user: { select: { email: true } } } },
        },
      },
    },
  });
  expectTypeOf(q).resolves.toEqualTypeOf<
    {
      email: string;
      posts: { title: string; tags: { name: string }[]; likes: { user: { email: string } }[] }[];
    }[]
  >();
});

test('false and absent keys in select are left out', () => {
  expectTypeOf(
    db.tag.findFirstOrThrow({ select: { id: true, name: false } }),
  ).resolves.toEqualTypeOf<{ id: number }>();
});

test('wrong shaping arguments are rejected', () => {
  // @ts-expect-error unknown field in select
  void db.post.findMany({ select: { id: true, titel: true } });
  // @ts-expect-error select and include together
  void db.post.findMany({ select: { id: true }, include: { author: true } });
  // @ts-expect-error select and include together, nested
  void db.post.findMany({
    include: { author: { select: { email: true }, include: { posts: true } } },
  });
  // @ts-expect-error unknown field in a nested select
  void db.post.findMany({ include: { tags: { select: { nme: true } } } });
  // @ts-expect-error a scalar field cannot be included
  void db.post.findMany({ include: { title: true } });
  // @ts-expect-error unknown field in omit
  void db.post.findMany({ omit: { nope: true } });
  // @ts-expect-error unknown relation argument
  void db.user.findMany({ include: { posts: { wher: { published: true } } } });
  // @ts-expect-error findUnique needs a unique key
  void db.post.findUnique({ where: { title: 'x' } });
});
