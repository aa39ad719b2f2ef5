import { Decimal } from 'decimal.js';
import { expectTypeOf, test } from 'vitest';
import type { CreateInput, UpdateInput } from '../../src/types/index.js';
import type { schema } from './fixtures/blog-schema.js';
import { fakeClient } from './fixtures/fake-client.js';

const db = fakeClient<typeof schema>();
type S = typeof schema;

test('create accepts the relation (checked) or the foreign key (unchecked)', () => {
  expectTypeOf<{ title: string; score: number; author: { connect: { id: string } } }>().toExtend<
    CreateInput<S, 'Post'>
  >();
  expectTypeOf<{ title: string; score: number; authorId: string }>().toExtend<
    CreateInput<S, 'Post'>
  >();
  // neither the relation nor the foreign key: the author is missing
  expectTypeOf<{ title: string; score: number }>().not.toExtend<CreateInput<S, 'Post'>>();
});

test('create: defaults, @updatedAt, optional and list fields are not required', () => {
  expectTypeOf(db.user.create({ data: { email: 'a@b.c', password: 'x' } })).resolves.toEqualTypeOf<{
    id: string;
    email: string;
    name: string | null;
    role: 'USER' | 'ADMIN';
    createdAt: Date;
    updatedAt: Date;
  }>();
});

test('create: loose input scalars and every nested write', () => {
  void db.post.create({
    data: {
      title: 't',
      score: 1,
      views: '12',
      price: new Decimal('1.5'),
      publishedAt: '2024-01-01T00:00:00Z',
      meta: { a: [1, 'two', null, { b: true }] },
      cover: new Uint8Array([1, 2]),
      keywords: { set: ['a'] },
      status: 'PUBLISHED',
      author: {
        connectOrCreate: { where: { email: 'a@b.c' }, create: { email: 'a@b.c', password: 'p' } },
      },
      tags: { connect: [{ id: 1 }, { name: 'orm' }], create: { name: 'new' } },
      likes: { createMany: { data: [{ userId: 'u1' }], skipDuplicates: true } },
    },
  });
  // nested create under user.posts: the author is implied, the post's other required fields are not
  void db.user.create({
    data: {
      email: 'a@b.c',
      password: 'p',
      profile: { create: { bio: 'hi' } },
      posts: { create: [{ title: 'a', score: 1 }], createMany: { data: { title: 'b', score: 2 } } },
    },
  });
});

test('create result follows select / include', () => {
  expectTypeOf(
    db.post.create({
      data: { title: 'Hello', score: 1, authorId: 'u1' },
      include: { tags: true, author: { select: { email: true } } },
      omit: {
        meta: true,
        cover: true,
        price: true,
        views: true,
        keywords: true,
        content: true,
        publishedAt: true,
      },
    }),
  ).resolves.toEqualTypeOf<{
    id: number;
    title: string;
    published: boolean;
    status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
    score: number;
    authorId: string;
    tags: { id: number; name: string }[];
    author: { email: string };
  }>();
  expectTypeOf(
    db.tag.createManyAndReturn({ data: [{ name: 'a' }], select: { id: true } }),
  ).resolves.toEqualTypeOf<{ id: number }[]>();
  expectTypeOf(db.tag.createMany({ data: [{ name: 'a' }, { name: 'b' }] })).resolves.toEqualTypeOf<{
    count: number;
  }>();
});

test('update: all optional, number and list operations, nested writes', () => {
  const data: UpdateInput<S, 'Post'> = {
    score: { multiply: 2 },
    views: { increment: 1n },
    price: { decrement: '0.5' },
    content: null,
    title: { set: 't' },
    keywords: { push: ['x', 'y'] },
    authorId: 'u2',
    tags: {
      set: [{ id: 1 }],
      disconnect: { name: 'old' },
      upsert: { where: { name: 'n' }, create: { name: 'n' }, update: { name: 'n2' } },
      updateMany: { where: { name: { startsWith: 'a' } }, data: { name: 'b' } },
      deleteMany: [{ id: 3 }],
    },
    likes: {
      update: {
        where: { userId_postId: { userId: 'u', postId: 1 } },
        data: { createdAt: new Date() },
      },
    },
  };
  void db.post.update({ where: { id: 1 }, data });
  void db.user.update({
    where: { email: 'a@b.c' },
    data: {
      profile: { upsert: { create: { bio: 'x' }, update: { bio: 'y' } } },
      posts: { delete: { id: 1 }, create: { title: 't', score: 1 } },
    },
  });
  void db.user.update({ where: { id: 'u' }, data: { profile: { disconnect: true } } });
  void db.user.update({ where: { id: 'u' }, data: { profile: { delete: true } } });
  expectTypeOf(
    db.post.update({ where: { id: 1 }, data: { title: 'x' }, select: { title: true } }),
  ).resolves.toEqualTypeOf<{
    title: string;
  }>();
  expectTypeOf(
    db.post.updateMany({ where: { published: false }, data: { published: true } }),
  ).resolves.toEqualTypeOf<{
    count: number;
  }>();
  expectTypeOf(
    db.post.updateManyAndReturn({
      where: { published: false },
      data: { published: true },
      select: { id: true },
    }),
  ).resolves.toEqualTypeOf<{ id: number }[]>();
});

test('upsert and delete results', () => {
  expectTypeOf(
    db.tag.upsert({
      where: { name: 'a' },
      create: { name: 'a' },
      update: {},
      select: { id: true },
    }),
  ).resolves.toEqualTypeOf<{ id: number }>();
  expectTypeOf(db.tag.delete({ where: { id: 1 } })).resolves.toEqualTypeOf<{
    id: number;
    name: string;
  }>();
  expectTypeOf(db.tag.deleteMany({ where: { name: { contains: 'x' } } })).resolves.toEqualTypeOf<{
    count: number;
  }>();
  expectTypeOf(db.tag.deleteMany()).resolves.toEqualTypeOf<{ count: number }>();
});

test('wrong data is rejected', () => {
  // @ts-expect-error missing required field (score)
  void db.post.create({ data: { title: 'x', authorId: 'u' } });
  // @ts-expect-error missing the required relation
  void db.post.create({ data: { title: 'x', score: 1 } });
  // @ts-expect-error unknown field
  void db.post.create({ data: { title: 'x', score: 1, authorId: 'u', bogus: 1 } });
  // @ts-expect-error wrong value type
  void db.post.create({ data: { title: 'x', score: 'high', authorId: 'u' } });
  // @ts-expect-error missing required field in a nested create
  void db.user.create({ data: { email: 'a', password: 'p', posts: { create: [{ title: 't' }] } } });
  void db.user.create({
    data: {
      email: 'a',
      password: 'p',
      // @ts-expect-error the parent sets the foreign key of a nested create
      posts: { create: { title: 't', score: 1, authorId: 'x' } },
    },
  });
  void db.post.create({
    // @ts-expect-error createMany is not available on many-to-many relations
    data: { title: 'x', score: 1, authorId: 'u', tags: { createMany: { data: [] } } },
  });
  // @ts-expect-error a required relation cannot be disconnected
  void db.post.update({ where: { id: 1 }, data: { author: { disconnect: true } } });
  // @ts-expect-error increment is for numbers
  void db.post.update({ where: { id: 1 }, data: { title: { increment: 1 } } });
  // @ts-expect-error push is for lists
  void db.post.update({ where: { id: 1 }, data: { title: { push: 'x' } } });
  // @ts-expect-error null for a required field
  void db.post.update({ where: { id: 1 }, data: { title: null } });
  // @ts-expect-error updateMany takes scalar fields only
  void db.post.updateMany({ data: { author: { connect: { id: 'u' } } } });
  // @ts-expect-error data is required
  void db.post.update({ where: { id: 1 } });
});
