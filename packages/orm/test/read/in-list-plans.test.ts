import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';

// `in` / `notIn` lists get a power-of-two number of placeholders, padded with the last value,
// so lists of 5 to 8 values share one statement instead of making four.
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

  it('shares one statement per bucket of lengths', async () => {
    const sqlFor = async (n: number) => {
      sqls.length = 0;
      await ids({ id: { in: values.slice(0, n) } });
      return sqls.at(-1)!;
    };
    const placeholders = (s: string) => (s.match(/\?|\$\d+/g) ?? []).length;
    expect(await sqlFor(3)).toBe(await sqlFor(4));
    expect(await sqlFor(5)).toBe(await sqlFor(8));
    expect(await sqlFor(5)).not.toBe(await sqlFor(9));
    expect(placeholders(await sqlFor(5))).toBe(placeholders(await sqlFor(1)) + 7);
  });

  it('folds case over the padded list, and names the bad value', async () => {
    const titles = (await db.post.findMany({ orderBy: { id: 'asc' } })).map(
      (p: { title: string }) => p.title.toUpperCase(),
    );
    expect(await ids({ title: { in: titles.slice(0, 3), mode: 'insensitive' } })).toEqual([
      1, 2, 3,
    ]);
    for (const [list, at] of [
      [[1, 'x', 3], 1],
      [[1, 2, 'x'], 2],
    ] as const) {
      await expect(db.post.findMany({ where: { id: { in: list } } })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining(`where.id.in[${at}]`),
      });
    }
  });
});
