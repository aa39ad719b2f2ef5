import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';

// Cursor pagination must visit every row exactly once in the order findMany returns, also
// when the ordering key is NULL for some rows (the cursor row's or the following ones).
describe.each(await testDialects())('cursor pagination over nullable keys on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  beforeAll(async () => {
    t = await openBlog(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());

  const orders: [string, unknown][] = [
    ['content asc', [{ content: 'asc' }, { id: 'asc' }]],
    ['content desc', [{ content: 'desc' }, { id: 'asc' }]],
    ['content asc nulls first', [{ content: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }]],
    ['content asc nulls last', [{ content: { sort: 'asc', nulls: 'last' } }, { id: 'desc' }]],
    ['content desc nulls first', [{ content: { sort: 'desc', nulls: 'first' } }, { id: 'asc' }]],
    ['content desc nulls last', [{ content: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }]],
    ['content only (id tie-break added)', { content: 'desc' }],
    ['to-one relation field', [{ author: { name: 'asc' } }, { id: 'asc' }]],
  ];

  for (const [name, orderBy] of orders) {
    it(`${name}: forward and backward pages visit each row once, in order`, async () => {
      const all = (await db.post.findMany({ orderBy, select: { id: true } })).map((r: any) => r.id);
      expect(all.length).toBeGreaterThan(3);
      for (const size of [1, 2]) {
        // Forward: the first page, then `cursor` on the last row seen, skipping it.
        const seen: number[] = [];
        let page = await db.post.findMany({ orderBy, take: size, select: { id: true } });
        while (page.length > 0) {
          seen.push(...page.map((r: any) => r.id));
          page = await db.post.findMany({
            orderBy,
            take: size,
            skip: 1,
            cursor: { id: seen.at(-1) },
            select: { id: true },
          });
        }
        expect(seen, `forward, page size ${size}`).toEqual(all);
        // Backward from the last row, with negative take.
        const back: number[] = [all.at(-1)];
        for (;;) {
          const prev = await db.post.findMany({
            orderBy,
            take: -size,
            skip: 1,
            cursor: { id: back[0] },
            select: { id: true },
          });
          if (prev.length === 0) break;
          back.unshift(...prev.map((r: any) => r.id));
        }
        expect(back, `backward, page size ${size}`).toEqual(all);
      }
    });
  }

  it('the cursor row itself comes first when it has a NULL key', async () => {
    const withNull = await db.post.findFirst({ where: { content: null }, select: { id: true } });
    const rows = await db.post.findMany({
      orderBy: [{ content: 'asc' }, { id: 'asc' }],
      cursor: { id: withNull.id },
      take: 1,
      select: { id: true, content: true },
    });
    expect(rows).toEqual([{ id: withNull.id, content: null }]);
  });
});
