import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { Decimal } from '../../src/index.js';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';
import { BIG, DEC } from '../fixtures/blog-seed.js';

describe.each(await testDialects())('value types round trip on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  beforeAll(async () => {
    t = await openBlog(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());

  const check = (k: any) => {
    expect(k.str).toBe('alpha');
    expect(k.int).toBe(42);
    expect(typeof k.big).toBe('bigint');
    expect(k.big).toBe(BIG);
    expect(k.float).toBe(1.5);
    expect(k.dec).toBeInstanceOf(Decimal);
    expect(k.dec.toString()).toBe(DEC);
    expect(k.bool).toBe(true);
    expect(k.date).toEqual(new Date('2024-02-03T04:05:06.789Z'));
    expect(k.json).toEqual({ a: { b: [1, 2] }, s: 'hello world', n: 5, tags: ['x', 'y'] });
    expect(k.bytes).toBeInstanceOf(Uint8Array);
    expect([...k.bytes]).toEqual([1, 2, 255]);
    expect(k.role).toBe('ADMIN');
    expect(k.strs).toEqual(['a', 'b', 'c']);
    expect(k.ints).toEqual([1, 2, 3]);
    expect(k.bigs).toEqual([BIG, -1n]);
    expect(k.dates).toEqual([new Date('2020-01-01T00:00:00.000Z')]);
    expect(k.roles).toEqual(['USER', 'ADMIN']);
  };

  it('top-level columns decode to Date, bigint, Decimal, bytes, Json, enums, lists', async () => {
    check(await db.kitchen.findUnique({ where: { id: 'k1' } }));
  });

  it('values nested in JSON aggregation decode the same way', async () => {
    const shelf = await db.shelf.findUnique({
      where: { id: 1 },
      include: { kitchens: { orderBy: { id: 'asc' } } },
    });
    check(shelf.kitchens[0]);
    expect(shelf.kitchens[1].bool).toBe(false);
    expect(shelf.kitchens[1].big).toBe(-5n);
    expect([...shelf.kitchens[1].bytes]).toEqual([]);
    const back = await db.kitchen.findUnique({
      where: { id: 'k1' },
      include: { shelf: { include: { kitchens: { where: { id: 'k1' } } } } },
    });
    check(back.shelf.kitchens[0]);
  });

  it('nulls and empty lists', async () => {
    const k = await db.kitchen.findUnique({ where: { id: 'k3' } });
    expect(k).toEqual({
      id: 'k3',
      str: null,
      int: null,
      big: null,
      float: null,
      dec: null,
      bool: null,
      date: null,
      json: null,
      bytes: null,
      role: null,
      strs: [],
      ints: [],
      bigs: [],
      dates: [],
      roles: [],
      shelfId: null,
    });
    const k2 = await db.kitchen.findUnique({
      where: { id: 'k2' },
      select: { bytes: true, bool: true, big: true },
    });
    expect([...k2.bytes]).toEqual([]);
    expect(k2.bool).toBe(false);
    expect(k2.big).toBe(-5n);
  });
});
