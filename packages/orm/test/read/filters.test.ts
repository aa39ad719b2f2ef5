import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';
import { BIG } from '../fixtures/blog-seed.js';

describe.each(await testDialects())('where filters on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  beforeAll(async () => {
    t = await openBlog(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());

  const postIds = async (where: unknown) =>
    (await db.post.findMany({ where, orderBy: { id: 'asc' }, select: { id: true } })).map(
      (p: any) => p.id,
    );
  const userIds = async (where: unknown) =>
    (await db.user.findMany({ where, orderBy: { id: 'asc' }, select: { id: true } })).map(
      (p: any) => p.id,
    );
  const kitchenIds = async (where: unknown) =>
    (await db.kitchen.findMany({ where, orderBy: { id: 'asc' }, select: { id: true } })).map(
      (p: any) => p.id,
    );

  it('equals, not, null', async () => {
    expect(await postIds({ views: 10 })).toEqual([1]);
    expect(await postIds({ views: { equals: 5 } })).toEqual([2]);
    expect(await postIds({ views: { not: 10 } })).toEqual([2, 3, 4, 5]);
    expect(await postIds({ content: null })).toEqual([2, 5]);
    expect(await postIds({ content: { not: null } })).toEqual([1, 3, 4]);
    expect(await postIds({ content: { equals: null } })).toEqual([2, 5]);
    expect(await postIds({ views: { not: { gt: 5 } } })).toEqual([2, 4]);
  });

  it('in, notIn (empty lists too)', async () => {
    expect(await postIds({ id: { in: [1, 3, 99] } })).toEqual([1, 3]);
    expect(await postIds({ id: { notIn: [1, 3] } })).toEqual([2, 4, 5]);
    expect(await postIds({ id: { in: [] } })).toEqual([]);
    expect(await postIds({ id: { notIn: [] } })).toEqual([1, 2, 3, 4, 5]);
  });

  it('lt lte gt gte on numbers and dates', async () => {
    expect(await postIds({ views: { gt: 5, lte: 10 } })).toEqual([1, 5]);
    expect(await postIds({ views: { lt: 5 } })).toEqual([4]);
    expect(await postIds({ views: { gte: 20 } })).toEqual([3]);
    expect(await postIds({ createdAt: { gte: new Date(Date.UTC(2024, 0, 4)) } })).toEqual([4, 5]);
    expect(await postIds({ createdAt: { lt: '2024-01-02T00:00:00.000Z' } })).toEqual([1]);
  });

  it('string filters are case-sensitive by default and literal (no wildcards)', async () => {
    expect(await postIds({ title: { contains: 'ello' } })).toEqual([1, 4]);
    expect(await postIds({ title: { startsWith: 'Hello' } })).toEqual([1]);
    expect(await postIds({ title: { startsWith: 'hello' } })).toEqual([4]);
    expect(await postIds({ title: { endsWith: 'again' } })).toEqual([4]);
    expect(await postIds({ content: { contains: '100%' } })).toEqual([3]);
    expect(await postIds({ content: { contains: '%' } })).toEqual([3]);
    expect(await postIds({ content: { endsWith: 'sure_' } })).toEqual([3]);
    expect(await postIds({ content: { contains: '_' } })).toEqual([3]);
    expect(await postIds({ title: { contains: '*' } })).toEqual([]);
  });

  it("mode: 'insensitive' on equals, contains, startsWith, in", async () => {
    expect(await postIds({ title: { startsWith: 'hello', mode: 'insensitive' } })).toEqual([1, 4]);
    expect(await userIds({ email: { equals: 'dave@x.com', mode: 'insensitive' } })).toEqual([4]);
    expect(await userIds({ email: { equals: 'dave@x.com' } })).toEqual([]);
    expect(await userIds({ email: { in: ['DAVE@x.com'], mode: 'insensitive' } })).toEqual([4]);
    expect(await postIds({ title: { contains: 'WORLD', mode: 'insensitive' } })).toEqual([1]);
    expect(await postIds({ title: { not: { contains: 'HELLO' }, mode: 'insensitive' } })).toEqual([
      2, 3, 5,
    ]);
  });

  it('AND, OR, NOT (objects and arrays)', async () => {
    expect(await postIds({ OR: [{ views: 0 }, { views: 20 }] })).toEqual([3, 4]);
    expect(await postIds({ AND: [{ published: true }, { views: { gt: 5 } }] })).toEqual([1, 3]);
    expect(await postIds({ AND: { published: false } })).toEqual([2, 5]);
    expect(await postIds({ NOT: { published: true } })).toEqual([2, 5]);
    expect(await postIds({ NOT: [{ published: true }, { views: 7 }] })).toEqual([2]);
    expect(await postIds({ OR: [] })).toEqual([]);
    expect(await postIds({ AND: [] })).toEqual([1, 2, 3, 4, 5]);
  });

  it('enum filters', async () => {
    expect(await userIds({ role: 'USER' })).toEqual([3, 4]);
    expect(await userIds({ role: { in: ['ADMIN', 'WRITER'] } })).toEqual([1, 2]);
    expect(await userIds({ role: { not: 'USER' } })).toEqual([1, 2]);
  });

  it('to-one relation filters: is, isNot, shorthand, null', async () => {
    expect(await postIds({ author: { is: { role: 'ADMIN' } } })).toEqual([1, 2]);
    expect(await postIds({ author: { role: 'WRITER' } })).toEqual([3, 4]);
    expect(await postIds({ author: { isNot: { role: 'ADMIN' } } })).toEqual([3, 4, 5]);
    expect(await userIds({ profile: null })).toEqual([3, 4]);
    expect(await userIds({ profile: { isNot: null } })).toEqual([1, 2]);
    expect(await userIds({ invitedBy: { is: null } })).toEqual([1]);
    expect(await userIds({ profile: { is: { bio: { contains: 'bob' } } } })).toEqual([2]);
  });

  it('to-many relation filters: some, every, none (m-n included)', async () => {
    expect(await userIds({ posts: { some: { published: false } } })).toEqual([1, 3]);
    expect(await userIds({ posts: { every: { published: true } } })).toEqual([2, 4]);
    expect(await userIds({ posts: { none: {} } })).toEqual([4]);
    expect(await userIds({ posts: { some: {} } })).toEqual([1, 2, 3]);
    expect(await postIds({ tags: { some: { name: 'news' } } })).toEqual([1, 3]);
    expect(await postIds({ tags: { none: {} } })).toEqual([4]);
    expect(await postIds({ tags: { every: { name: { in: ['news', 'tech'] } } } })).toEqual([
      1, 2, 4,
    ]);
    expect(await userIds({ posts: { some: { tags: { some: { name: 'life' } } } } })).toEqual([
      2, 3,
    ]);
    expect(await userIds({ invitees: { some: { invitees: { some: {} } } } })).toEqual([1]);
  });

  it('compound unique key inside where', async () => {
    expect(await postIds({ authorId_title: { authorId: 1, title: 'Second' } })).toEqual([2]);
  });

  it('scalar list filters: has, hasSome, hasEvery, isEmpty, equals', async () => {
    expect(await kitchenIds({ strs: { has: 'b' } })).toEqual(['k1', 'k2']);
    expect(await kitchenIds({ strs: { has: 'c' } })).toEqual(['k1']);
    expect(await kitchenIds({ strs: { hasSome: ['c', 'zz'] } })).toEqual(['k1']);
    expect(await kitchenIds({ strs: { hasEvery: ['a', 'b'] } })).toEqual(['k1']);
    expect(await kitchenIds({ strs: { hasEvery: ['b'] } })).toEqual(['k1', 'k2']);
    expect(await kitchenIds({ strs: { isEmpty: true } })).toEqual(['k3']);
    expect(await kitchenIds({ ints: { isEmpty: false } })).toEqual(['k1']);
    expect(await kitchenIds({ strs: { equals: ['b'] } })).toEqual(['k2']);
    expect(await kitchenIds({ ints: { has: 2 } })).toEqual(['k1']);
    expect(await kitchenIds({ bigs: { has: BIG } })).toEqual(['k1']);
    expect(await kitchenIds({ roles: { has: 'ADMIN' } })).toEqual(['k1']);
    expect(await kitchenIds({ dates: { has: new Date('2020-01-01T00:00:00.000Z') } })).toEqual([
      'k1',
    ]);
  });

  it('Json equality and path filters', async () => {
    const json = { a: { b: [1, 2] }, s: 'hello world', n: 5, tags: ['x', 'y'] };
    expect(await kitchenIds({ json: { equals: json } })).toEqual(['k1']);
    expect(await kitchenIds({ json: { not: json } })).toEqual(['k2']);
    expect(await kitchenIds({ json: { equals: null } })).toEqual(['k3']);
    expect(await kitchenIds({ json: { path: ['s'], equals: 'bye' } })).toEqual(['k2']);
    expect(await kitchenIds({ json: { path: ['a', 'b'], equals: [3] } })).toEqual(['k2']);
    expect(await kitchenIds({ json: { path: ['s'], string_contains: 'lo w' } })).toEqual(['k1']);
    expect(await kitchenIds({ json: { path: ['s'], string_starts_with: 'by' } })).toEqual(['k2']);
    expect(
      await kitchenIds({ json: { path: ['s'], string_ends_with: 'WORLD', mode: 'insensitive' } }),
    ).toEqual(['k1']);
    expect(await kitchenIds({ json: { path: ['tags'], array_contains: 'y' } })).toEqual(['k1']);
    expect(await kitchenIds({ json: { path: ['tags'], array_contains: ['x', 'y'] } })).toEqual([
      'k1',
    ]);
    expect(await kitchenIds({ json: { path: ['tags'], array_starts_with: 'x' } })).toEqual(['k1']);
    expect(await kitchenIds({ json: { path: ['tags'], array_ends_with: 'y' } })).toEqual(['k1']);
    expect(await kitchenIds({ json: { path: ['tags'], array_ends_with: 'z' } })).toEqual(['k2']);
    expect(await kitchenIds({ json: { path: ['tags'], array_starts_with: 'y' } })).toEqual([]);
    expect(await kitchenIds({ json: { path: ['a', 'b'], array_starts_with: 3 } })).toEqual(['k2']);
    // Not an array at the path: never a match (an object key "0" is not an element).
    expect(await kitchenIds({ json: { path: ['s'], array_starts_with: 'h' } })).toEqual([]);
    expect(await kitchenIds({ json: { path: ['a'], array_ends_with: [1, 2] } })).toEqual([]);
    expect(await kitchenIds({ json: { path: ['n'], gt: 10 } })).toEqual(['k2']);
    expect(await kitchenIds({ json: { path: ['n'], lte: 5 } })).toEqual(['k1']);
  });

  it('BigInt, Decimal, Boolean, Bytes-free scalar filters', async () => {
    expect(await kitchenIds({ big: BIG })).toEqual(['k1']);
    expect(await kitchenIds({ big: { lt: 0 } })).toEqual(['k2']);
    expect(await kitchenIds({ dec: { gt: 1 } })).toEqual(['k1']);
    expect(await kitchenIds({ dec: '0.1' })).toEqual(['k2']);
    expect(await kitchenIds({ bool: false })).toEqual(['k2']);
    expect(await kitchenIds({ float: { lt: 0 } })).toEqual(['k2']);
    expect(await kitchenIds({ date: { gt: new Date('2024-01-01T00:00:00.000Z') } })).toEqual([
      'k1',
    ]);
  });
});
