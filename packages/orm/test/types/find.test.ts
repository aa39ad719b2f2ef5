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
