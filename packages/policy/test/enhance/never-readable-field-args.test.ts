import { testDialects } from '@warden/test-kit';
import { describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// A field no one may read (`@deny('read', true)`) reads as NULL in the caller's arguments too:
// ordering, grouping, filtering and `in` lists on it run (and match as NULL), where the
// constant NULL the rule folds to used to fail on PostgreSQL ("non-integer constant in ORDER BY").
const text = `
model Item {
  id     Int    @id
  rank   Int
  secret String @deny('read', true)
  @@allow('all', true)
}
`;

describe.each(await testDialects())('arguments on a never-readable field on %s', (dialect) => {
  let db: any;
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

  ormTestDb(dialect, text, async (opened) => {
    db = opened;
    await opened.item.createMany({
      data: [
        { id: 1, rank: 2, secret: 'b' },
        { id: 2, rank: 1, secret: 'a' },
      ],
    });
  });

  it('orders, groups, filters and counts by it as by a NULL', async () => {
    const user = enhance(db, { user: { id: 1 } });
    expect(
      ids(await user.item.findMany({ orderBy: [{ secret: 'asc' }, { rank: 'asc' }] })),
    ).toEqual([2, 1]);
    expect(ids(await user.item.findMany({ orderBy: { secret: 'desc' }, take: 5 }))).toHaveLength(2);
    expect(await user.item.findMany({ where: { secret: 'a' } })).toEqual([]);
    expect(await user.item.findMany({ where: { secret: { in: ['a', 'b'] } } })).toEqual([]);
    expect(await user.item.count({ where: { secret: null } })).toBe(2);
    const groups = await user.item.groupBy({ by: ['secret'], _count: { _all: true } });
    expect(groups).toEqual([{ secret: null, _count: { _all: 2 } }]);
    expect(ids(await user.item.findMany({ distinct: ['secret'], orderBy: { id: 'asc' } }))).toEqual(
      [1],
    );
  });
});
