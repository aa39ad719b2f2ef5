import { testDialects } from '@warden/test-kit';
import { describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// Arguments see a field as the caller reads it: where a field-level read rule hides a value,
// filters, ordering, grouping, distinct and aggregates see NULL, so none of them can be used
// to probe the hidden value. The cursor row must be a readable row.
const text = `
model User {
  id     Int     @id
  name   String
  email  String  @allow('read', auth().id == id)
  salary Int     @allow('read', auth().id == id)
  team   String?
  posts  Post[]
  @@allow('all', true)
}

model Post {
  id       Int    @id
  rank     Int
  secret   Boolean @default(false)
  author   User   @relation(fields: [authorId], references: [id])
  authorId Int
  @@allow('all', !secret)
}
`;

describe.each(await testDialects())('filters on hidden fields on %s', (dialect) => {
  let db: any;
  const as = (id: number) => enhance(db, { user: { id } });
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

  ormTestDb(dialect, text, async (opened) => {
    db = opened;
    await opened.user.createMany({
      data: [
        { id: 1, name: 'a', email: 'a@x', salary: 200, team: 't' },
        { id: 2, name: 'b', email: 'b@x', salary: 300, team: 't' },
        { id: 3, name: 'c', email: 'c@x', salary: 100, team: 'u' },
      ],
    });
    await opened.post.createMany({
      data: [
        { id: 1, rank: 10, authorId: 2 },
        { id: 2, rank: 20, authorId: 3, secret: true },
        { id: 3, rank: 30, authorId: 3 },
      ],
    });
  });

  it('where on a hidden field matches only where the caller can read it', async () => {
    expect(await as(1).user.findMany({ where: { email: 'b@x' } })).toEqual([]);
    expect(await as(1).user.count({ where: { email: { startsWith: 'b' } } })).toBe(0);
    expect(await as(1).user.count({ where: { salary: { gt: 250 } } })).toBe(0);
    expect(await as(1).user.findFirst({ where: { email: 'b@x' } })).toBeNull();
    expect(ids(await as(2).user.findMany({ where: { email: 'b@x' } }))).toEqual([2]);
    expect(ids(await as(1).user.findMany({ where: { email: 'a@x' } }))).toEqual([1]);
    // What the caller sees as null, it can filter as null; the plain client sees everything.
    expect(ids(await as(1).user.findMany({ where: { NOT: { email: 'a@x' } } }))).toEqual([]);
    expect(await db.user.count({ where: { email: { startsWith: 'b' } } })).toBe(1);
  });

  it('relation filters and unique lookups see the same masked values', async () => {
    expect(await as(1).post.findMany({ where: { author: { is: { email: 'b@x' } } } })).toEqual([]);
    expect(ids(await as(2).post.findMany({ where: { author: { is: { email: 'b@x' } } } }))).toEqual(
      [1],
    );
    expect(
      await as(1).user.count({ where: { posts: { some: { author: { salary: 300 } } } } }),
    ).toBe(0);
    // Ids are not masked in filters: a row is found by id, its hidden fields come back null.
    expect(await as(1).user.findUnique({ where: { id: 2 } })).toEqual({
      id: 2,
      name: 'b',
      email: null,
      salary: null,
      team: 't',
    });
  });

  it('orders, groups and aggregates by the value the caller reads', async () => {
    const bySalary = { orderBy: [{ salary: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }] };
    expect(ids(await db.user.findMany(bySalary))).toEqual([2, 1, 3]);
    expect(ids(await as(1).user.findMany(bySalary))).toEqual([1, 2, 3]);
    expect(
      await as(1).user.aggregate({
        _max: { salary: true },
        _sum: { salary: true },
        _count: { email: true },
      }),
    ).toEqual({ _max: { salary: 200 }, _sum: { salary: 200 }, _count: { email: 1 } });
    expect(await as(1).user.count({ select: { _all: true, salary: true } })).toEqual({
      _all: 3,
      salary: 1,
    });
    const groups = await as(1).user.groupBy({
      by: ['email'],
      _count: { _all: true },
      orderBy: { email: 'asc' },
    });
    expect(
      groups.map((g: any) => [g.email, g._count._all]).sort((x: any, y: any) => x[1] - y[1]),
    ).toEqual([
      ['a@x', 1],
      [null, 2],
    ]);
    const having = await as(1).user.groupBy({
      by: ['team'],
      _sum: { salary: true },
      having: { salary: { _sum: { gt: 250 } } },
    });
    expect(having).toEqual([]);
    const byHidden = {
      by: ['email', 'team'],
      _count: { _all: true },
      having: { email: { startsWith: 'b' } },
      orderBy: [{ email: 'desc' }, { team: 'asc' }],
    };
    expect(await as(1).user.groupBy(byHidden)).toEqual([]);
    expect(await as(2).user.groupBy(byHidden)).toEqual([
      { email: 'b@x', team: 't', _count: { _all: 1 } },
    ]);
    expect(
      (await as(1).user.findMany({ distinct: ['email'], select: { email: true } }))
        .map((u: any) => u.email)
        .sort(),
    ).toEqual(['a@x', null]);
  });

  it('a hidden row as cursor is a missing one', async () => {
    const page = (cursor: number) =>
      as(1).post.findMany({ cursor: { id: cursor }, orderBy: { rank: 'asc' }, skip: 1 });
    expect(await page(2)).toEqual([]);
    expect(ids(await page(1))).toEqual([3]);
    expect(ids(await db.post.findMany({ cursor: { id: 2 }, orderBy: { rank: 'asc' } }))).toEqual([
      2, 3,
    ]);
  });

  it('updateMany and deleteMany cannot select rows by a hidden value', async () => {
    expect(await as(1).user.updateMany({ where: { email: 'b@x' }, data: { name: 'bb' } })).toEqual({
      count: 0,
    });
    expect(await as(1).user.deleteMany({ where: { salary: 300 } })).toEqual({ count: 0 });
    expect(await db.user.findUnique({ where: { id: 2 } })).toMatchObject({ name: 'b' });
  });
});
