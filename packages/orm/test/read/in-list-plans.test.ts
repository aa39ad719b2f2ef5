import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';
import { Decimal } from '../../src/index.js';
import { BIG, DEC } from '../fixtures/blog-seed.js';

// `in` / `notIn` lists bind as one parameter, so every length shares one statement and no
// list meets the database's limit on parameters.
describe.each(await testDialects())('in lists on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  const sqls: string[] = [];
  beforeAll(async () => {
    t = await openBlog(dialect, (e) => sqls.push((e as { sql: string }).sql));
    db = t.db;
  });
  afterAll(() => t.drop());

  const values = [3, 99, 1, 3, 5, 2, 77, 4, 1];
  const ids = async (where: unknown) =>
    (await db.post.findMany({ where, orderBy: { id: 'asc' }, select: { id: true } })).map(
      (p: { id: number }) => p.id,
    );

  it('answers every length as an exact list would', async () => {
    const all = await ids({});
    for (let n = 0; n <= values.length; n++) {
      const list = values.slice(0, n);
      expect(await ids({ id: { in: list } })).toEqual(
        all.filter((id: number) => list.includes(id)),
      );
      expect(await ids({ id: { notIn: list } })).toEqual(
        all.filter((id: number) => !list.includes(id)),
      );
    }
  });

  it('shares one statement, with one parameter, for every length', async () => {
    const sqlFor = async (n: number) => {
      sqls.length = 0;
      await ids({ id: { in: values.slice(0, n) } });
      return sqls.at(-1)!;
    };
    const placeholders = (s: string) => (s.match(/\?|\$\d+/g) ?? []).length;
    expect(await sqlFor(3)).toBe(await sqlFor(4));
    expect(await sqlFor(1)).toBe(await sqlFor(9));
    expect(placeholders(await sqlFor(9))).toBe(1);
  });

  it('takes lists far over the parameter limits (40,000 ids, 70,000 titles)', async () => {
    const all = await ids({});
    const many = Array.from({ length: 40_000 }, (_, i) => i + 2);
    expect(await ids({ id: { in: many } })).toEqual(all.filter((id: number) => id >= 2));
    expect(await ids({ id: { notIn: many } })).toEqual(all.filter((id: number) => id < 2));
    const titles = Array.from({ length: 70_000 }, (_, i) => `no such title ${i}`);
    expect(await ids({ title: { in: titles } })).toEqual([]);
    expect(await ids({ title: { notIn: titles } })).toEqual(all);
  });

  it('compares every value type as equality does', async () => {
    const k1 = { str: 'alpha', int: 42, big: BIG, float: 1.5, dec: new Decimal(DEC), bool: true };
    const more = {
      date: new Date('2024-02-03T04:05:06.789Z'),
      bytes: new Uint8Array([1, 2, 255]),
      role: 'ADMIN',
    };
    for (const [field, value] of Object.entries({ ...k1, ...more })) {
      const kitchens = async (where: unknown) =>
        (await db.kitchen.findMany({ where, select: { id: true } })).map(
          (k: { id: string }) => k.id,
        );
      const equal = await kitchens({ [field]: value });
      expect(equal, field).toContain('k1');
      expect(await kitchens({ [field]: { in: [value] } }), field).toEqual(equal);
      const others = await kitchens({ [field]: { notIn: [value] } });
      expect(others, field).not.toContain('k1');
    }
  });

  it('folds case over the list, and names the bad value', async () => {
    const titles = (await db.post.findMany({ orderBy: { id: 'asc' } })).map(
      (p: { title: string }) => p.title.toUpperCase(),
    );
    expect(await ids({ title: { in: titles.slice(0, 3), mode: 'insensitive' } })).toEqual([
      1, 2, 3,
    ]);
    for (const [list, at] of [
      [[1, 'x', 3], 1],
      [[1, 2, 'x'], 2],
      [[1, null], 1],
    ] as const) {
      await expect(db.post.findMany({ where: { id: { in: list } } })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining(`where.id.in[${at}]`),
      });
    }
  });
});
