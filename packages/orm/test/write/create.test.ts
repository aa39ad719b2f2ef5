import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { Decimal } from '@warden/orm';
import { clearAll, openWriteDb } from './fixtures/setup.js';
import type { WriteDb } from './fixtures/setup.js';

describe.each(await testDialects())('create on %s', (dialect) => {
  let t: WriteDb;
  let db: any;
  beforeAll(async () => {
    t = await openWriteDb(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());
  beforeEach(() => clearAll(db));

  it('returns the created row with defaults filled in', async () => {
    const before = Date.now();
    const u = await db.user.create({ data: { email: 'ann@x.io' } });
    expect(u.id).toMatch(/^[a-z0-9]{20,}$/);
    expect(u).toMatchObject({ email: 'ann@x.io', name: null, role: 'USER', age: 0 });
    expect(u.createdAt).toBeInstanceOf(Date);
    expect(u.createdAt.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(u.updatedAt.getTime()).toBe(u.createdAt.getTime());
    expect(await db.user.findUnique({ where: { id: u.id } })).toEqual(u);
  });

  it('fills every id generator and literal default', async () => {
    const c = await db.comment.create({ data: { body: 'hi' } });
    expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const tag = await db.tag.create({ data: { name: 'x' } });
    expect(tag.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    const g = await db.group.create({ data: { name: 'g' } });
    expect(g.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const k = await db.kitchen.create({ data: {} });
    expect(k.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(k).toMatchObject({
      big: 0n,
      flag: true,
      count: 10,
      names: ['a', 'b'],
      roles: [],
      lucky: [],
      doc: { a: 1 },
    });
    expect(k.dec).toBeInstanceOf(Decimal);
    expect(k.dec.toString()).toBe('1.5');
    expect(k.when.toISOString()).toBe('2024-01-02T03:04:05.678Z');
  });

  it('leaves autoincrement ids to the database and returns them', async () => {
    const u = await db.user.create({ data: { email: 'a@x.io' } });
    const p1 = await db.post.create({ data: { title: 'one', authorId: u.id } });
    const p2 = await db.post.create({ data: { title: 'two', authorId: u.id } });
    expect(typeof p1.id).toBe('number');
    expect(p2.id).toBeGreaterThan(p1.id);
  });

  it('round-trips every type', async () => {
    const big = 2n ** 62n + 7n;
    const when = new Date('2031-05-06T07:08:09.123Z');
    const data = {
      big,
      dec: new Decimal('12345678901234567890.123456789'),
      when,
      doc: { nested: [1, 'two', { three: null }], ok: true },
      blob: Buffer.from([0, 1, 254, 255]),
      flag: false,
      ratio: 0.25,
      count: -3,
      roles: ['ADMIN', 'USER'],
      names: ['x', 'y z'],
      lucky: [7, 13],
      stamps: [when],
      amount: '0.1',
    };
    const k = await db.kitchen.create({ data });
    const read = await db.kitchen.findUnique({ where: { id: k.id } });
    for (const r of [k, read]) {
      expect(r.big).toBe(big);
      expect(r.dec.toString()).toBe('12345678901234567890.123456789');
      expect(r.when.getTime()).toBe(when.getTime());
      expect(r.doc).toEqual(data.doc);
      expect(Buffer.from(r.blob).equals(data.blob)).toBe(true);
      expect(r).toMatchObject({
        flag: false,
        ratio: 0.25,
        count: -3,
        roles: ['ADMIN', 'USER'],
        names: ['x', 'y z'],
        lucky: [7, 13],
      });
      expect(r.stamps.map((d: Date) => d.getTime())).toEqual([when.getTime()]);
      expect(r.amount.toString()).toBe('0.1');
    }
  });

  it('shapes the result with select, omit and include', async () => {
    const u = await db.user.create({
      data: { email: 's@x.io', name: 'Sel' },
      select: { email: true, name: true },
    });
    expect(u).toEqual({ email: 's@x.io', name: 'Sel' });
    const o = await db.user.create({
      data: { email: 'o@x.io' },
      omit: { createdAt: true, updatedAt: true },
    });
    expect(Object.keys(o).sort()).toEqual(['age', 'email', 'id', 'name', 'role']);
    const i = await db.user.create({
      data: { email: 'i@x.io', posts: { create: { title: 'p' } } },
      include: { posts: { select: { title: true } }, _count: { select: { posts: true } } },
    });
    expect(i.posts).toEqual([{ title: 'p' }]);
    expect(i._count).toEqual({ posts: 1 });
  });

  it('runs a scalar-only create as one statement', async () => {
    t.clearLog();
    await db.user.create({ data: { email: 'one@x.io' } });
    expect(t.log).toHaveLength(1);
    expect(t.log[0]).toMatch(/^insert into/i);
  });

  it('createMany counts rows and skips duplicates when asked', async () => {
    const u = await db.user.create({ data: { email: 'm@x.io' } });
    expect(
      await db.post.createMany({
        data: [
          { title: 'a', authorId: u.id },
          { title: 'b', authorId: u.id, views: 3 },
        ],
      }),
    ).toEqual({ count: 2 });
    await expect(
      db.post.createMany({ data: [{ title: 'a', authorId: u.id }] }),
    ).rejects.toMatchObject({ code: 'UNIQUE_CONSTRAINT' });
    expect(
      await db.post.createMany({
        data: [
          { title: 'a', authorId: u.id },
          { title: 'c', authorId: u.id },
        ],
        skipDuplicates: true,
      }),
    ).toEqual({ count: 1 });
    expect(await db.post.count()).toBe(3);
    expect(await db.post.createMany({ data: [] })).toEqual({ count: 0 });
    expect(await db.tag.createMany({ data: { name: 'single' } })).toEqual({ count: 1 });
  });

  it('createMany of many rows with differing fields', async () => {
    const u = await db.user.create({ data: { email: 'big@x.io' } });
    const data = Array.from({ length: 700 }, (_, i) =>
      i % 2 ? { title: `t${i}`, authorId: u.id } : { title: `t${i}`, authorId: u.id, views: i },
    );
    expect(await db.post.createMany({ data })).toEqual({ count: 700 });
    expect(await db.post.count({ where: { views: { gt: 0 } } })).toBe(349);
  });

  it('createManyAndReturn returns shaped rows', async () => {
    const u = await db.user.create({ data: { email: 'r@x.io' } });
    const rows = await db.post.createManyAndReturn({
      data: [
        { title: 'a', authorId: u.id },
        { title: 'b', authorId: u.id },
      ],
      select: { title: true, views: true },
    });
    expect(rows).toEqual([
      { title: 'a', views: 0 },
      { title: 'b', views: 0 },
    ]);
    const inc = await db.post.createManyAndReturn({
      data: [{ title: 'c', authorId: u.id }],
      include: { author: { select: { email: true } } },
    });
    expect(inc).toHaveLength(1);
    expect(inc[0]).toMatchObject({ title: 'c', author: { email: 'r@x.io' } });
  });

  it('accepts the unchecked foreign key and the checked relation, not both', async () => {
    const u = await db.user.create({ data: { email: 'fk@x.io' } });
    await db.post.create({ data: { title: 'unchecked', authorId: u.id } });
    await db.post.create({ data: { title: 'checked', author: { connect: { id: u.id } } } });
    await expect(
      db.post.create({
        data: { title: 'both', authorId: u.id, author: { connect: { id: u.id } } },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await db.post.count({ where: { authorId: u.id } })).toBe(2);
  });
});
