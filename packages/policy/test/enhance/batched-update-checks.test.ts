import { testDialects } from '@warden/test-kit';
import { beforeEach, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// Field-level update rules and post-update (future()) rules on an update of many rows are
// checked a chunk of rows per statement (200), not one statement per row or per field.
const text = `
model Item {
  id    Int    @id
  level Int    @default(0)
  label String @default("") @allow('update', level < 100)
  note  String @default("") @allow('update', label != 'frozen')
  @@allow('all', true)
  @@deny('update', future().level < level)
}
`;

const ROWS = 450; // three chunks

describe.each(await testDialects())('update checks over many rows on %s', (dialect) => {
  let db: any;
  const asUser = () => enhance(db, { user: { id: 1 } });
  const levels = async () =>
    (await db.item.findMany({ orderBy: { id: 'asc' }, select: { level: true } })).map(
      (r: { level: number }) => r.level,
    );

  const statements = ormTestDb(dialect, text, (opened) => (db = opened), { logSql: true });
  beforeEach(async () => {
    await db.item.deleteMany({});
    await db.item.createMany({
      data: Array.from({ length: ROWS }, (_, i) => ({ id: i + 1, level: i % 50 })),
    });
    statements.length = 0;
  });

  it('passes an update of every row in a few statements', async () => {
    const res = await asUser().item.updateMany({
      data: { level: { increment: 1 }, label: 'x', note: 'y' },
    });
    expect(res).toEqual({ count: ROWS });
    expect(await levels()).toEqual(Array.from({ length: ROWS }, (_, i) => (i % 50) + 1));
    // One per chunk for both field rules together, one per chunk for the snapshot and for
    // the post-update rule, the id lookup and the updates: far from one per row.
    expect(statements.length).toBeLessThan(20);
  });

  it('refuses the whole update when one row of the last chunk breaks a post-update rule', async () => {
    await db.item.update({ where: { id: ROWS }, data: { level: 99 } });
    const before = await levels();
    await expect(asUser().item.updateMany({ data: { level: 60 } })).rejects.toMatchObject({
      code: 'REJECTED_BY_POLICY',
      reason: 'post-update',
      model: 'Item',
    });
    expect(await levels()).toEqual(before);
  });

  it('names the field whose rule one row of the last chunk breaks, and keeps nothing', async () => {
    await db.item.update({ where: { id: ROWS - 1 }, data: { level: 100 } });
    await db.item.update({ where: { id: ROWS }, data: { label: 'frozen' } });
    const before = await levels();
    await expect(
      asUser().item.updateMany({ data: { level: { increment: 1 }, label: 'x' } }),
    ).rejects.toMatchObject({
      reason: 'field-update',
      message: expect.stringContaining('"label"'),
    });
    await expect(asUser().item.updateMany({ data: { note: 'z' } })).rejects.toMatchObject({
      reason: 'field-update',
      message: expect.stringContaining('"note"'),
    });
    expect(await levels()).toEqual(before);
    expect(await db.item.count({ where: { note: 'z' } })).toBe(0);
  });
});
