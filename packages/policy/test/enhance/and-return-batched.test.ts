import { testDialects } from '@warden/test-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { openOrmDb, schemaFromText, type OrmTestDb } from '../helpers/orm-db.js';

// updateManyAndReturn and createManyAndReturn on an enhanced client write all rows with a few
// statements (the ORM's own multi-row write, then one read-back per chunk of rows), not a few
// statements per row, and still answer exactly as the read policy says, in the written order.
const text = `
model Group {
  id    Int    @id
  name  String @default("")
  items Item[]
  @@allow('all', true)
}

model Item {
  id      Int     @id
  level   Int     @default(0)
  hidden  Boolean @default(false)
  label   String  @default("") @allow('update', level < 50)
  group   Group?  @relation(fields: [groupId], references: [id])
  groupId Int?
  @@allow('read', !hidden)
  @@allow('create', level < 1000)
  @@allow('update', level < 100)
  @@deny('update', future().level < level)
}

model Tag {
  name   String  @id
  value  Int     @default(0)
  hidden Boolean @default(false)
  @@allow('read', !hidden)
  @@allow('create,update', true)
}

model Badge {
  code   String  @id @allow('read', mine)
  mine   Boolean @default(false)
  n      Int     @default(0)
  @@allow('all', true)
}

model Cell {
  key    String
  pos    Int
  value  Int     @default(0)
  hidden Boolean @default(false)
  @@id([key, pos])
  @@allow('read', !hidden)
  @@allow('create,update', true)
}
`;

/** 0..n-1 in a scrambled order (7 is coprime with every n used here). */
const scrambled = (n: number) => Array.from({ length: n }, (_, i) => (i * 7) % n);
const cellOf = (k: number) => ({ key: `k${String(k).padStart(5, '0')}`, pos: k % 5, value: k });

describe.each(await testDialects())(
  'updateManyAndReturn / createManyAndReturn on %s',
  (dialect) => {
    let t: OrmTestDb;
    let db: any;
    const statements: string[] = [];
    const asUser = () => enhance(db, { user: { id: 1 } });
    const items = async () =>
      db.item.findMany({ orderBy: { id: 'asc' }, select: { id: true, level: true, label: true } });

    beforeAll(async () => {
      t = await openOrmDb(dialect, await schemaFromText(text, dialect), {
        log: (e) => statements.push(e.sql),
      });
      db = t.db;
      await db.group.create({ data: { id: 1, name: 'g' } });
    });
    afterAll(() => t.close());
    beforeEach(async () => {
      await db.item.deleteMany({});
      await db.cell.deleteMany({});
      await db.tag.deleteMany({});
      await db.badge.deleteMany({});
      statements.length = 0;
    });

    describe('updateManyAndReturn', () => {
      it('returns the updated rows in the order they were chosen, shaped, unreadable ones left out', async () => {
        const n = 40;
        await db.tag.createMany({
          data: scrambled(n).map((k) => ({ name: `t${k}`, value: k, hidden: k % 4 === 0 })),
        });
        // The rows are chosen (and so updated) in the order the table is read with this where.
        const chosen = await db.tag.findMany({ where: { value: { lt: 30 } } });
        const res = await asUser().tag.updateManyAndReturn({
          where: { value: { lt: 30 } },
          data: { value: { increment: 1000 } },
          select: { value: true },
        });
        const readable = chosen.filter((c: { hidden: boolean }) => !c.hidden);
        expect(readable.length).toBeLessThan(chosen.length);
        expect(res).toEqual(readable.map((c: { value: number }) => ({ value: c.value + 1000 })));
        // Unreadable rows are not reached (a hidden row is a missing one).
        expect(await db.tag.count({ where: { value: { gte: 1000 } } })).toBe(readable.length);
      });

      it('chooses rows by the update rule and where, honours limit, and shapes with include and omit', async () => {
        await db.item.createMany({
          data: [
            { id: 1, level: 10, groupId: 1 },
            { id: 2, level: 150 }, // not updatable
            { id: 3, level: 20, hidden: true },
            { id: 4, level: 30 },
            { id: 5, level: 40 },
          ],
        });
        const res = await asUser().item.updateManyAndReturn({
          where: { id: { lt: 5 } },
          data: { level: { increment: 1 } },
          include: { group: true },
          omit: { id: true },
        });
        expect(res).toEqual([
          { level: 11, hidden: false, label: '', groupId: 1, group: { id: 1, name: 'g' } },
          { level: 31, hidden: false, label: '', groupId: null, group: null },
        ]);
        expect((await items()).map((r: { level: number }) => r.level)).toEqual([
          11, 150, 20, 31, 40,
        ]);

        const limited = await asUser().item.updateManyAndReturn({
          data: { label: 'l' },
          limit: 2,
          select: { id: true, label: true },
        });
        const labelled = (await items()).filter((r: { label: string }) => r.label === 'l');
        expect(labelled).toHaveLength(2);
        expect(labelled.every((r: { level: number }) => r.level < 100)).toBe(true);
        // Row 3 is unreadable: never one of the rows updated, so every updated row returns.
        const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
        expect(labelled.some((r: { id: number }) => r.id === 3)).toBe(false);
        expect([...limited].sort(byId)).toEqual(
          labelled.map((r: { id: number }) => ({ id: r.id, label: 'l' })),
        );
      });

      it('returns nothing, and no error, for rows the update made unreadable; they stay updated', async () => {
        await db.item.createMany({ data: [{ id: 1 }, { id: 2 }, { id: 3 }] });
        const res = await asUser().item.updateManyAndReturn({
          where: { id: { in: [1, 3] } },
          data: { hidden: true },
        });
        expect(res).toEqual([]);
        expect(await db.item.count({ where: { hidden: true } })).toBe(2);
      });

      it('matches no row without writing, and still checks its arguments', async () => {
        await db.item.createMany({ data: [{ id: 1 }] });
        statements.length = 0;
        const none = await asUser().item.updateManyAndReturn({
          where: { id: 2 },
          data: { level: 1 },
        });
        expect(none).toEqual([]);
        expect(statements.filter((q) => /^(update|insert|delete)/i.test(q))).toEqual([]);
        await expect(
          asUser().item.updateManyAndReturn({ where: { id: 2 }, data: { nope: 1 } }),
        ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
        await expect(
          asUser().item.updateManyAndReturn({ data: { level: 1 }, limit: -1 }),
        ).rejects.toMatchObject({ code: 'INVALID_INPUT', path: 'limit' });
        expect(await asUser().item.createManyAndReturn({ data: [] })).toEqual([]);
      });

      it('keeps nothing when one row breaks a field-level update rule', async () => {
        await db.item.createMany({
          data: [
            { id: 1, level: 10 },
            { id: 2, level: 60 },
            { id: 3, level: 20 },
          ],
        });
        const before = await items();
        await expect(
          asUser().item.updateManyAndReturn({ data: { label: 'x', level: { increment: 1 } } }),
        ).rejects.toMatchObject({
          code: 'REJECTED_BY_POLICY',
          reason: 'field-update',
          model: 'Item',
          operation: 'updateManyAndReturn',
          message: expect.stringContaining('"label"'),
        });
        expect(await items()).toEqual(before);
      });

      it('keeps nothing when one row breaks a post-update rule', async () => {
        await db.item.createMany({
          data: [
            { id: 1, level: 5 },
            { id: 2, level: 20 },
            { id: 3, level: 1 },
          ],
        });
        const before = await items();
        await expect(
          asUser().item.updateManyAndReturn({ data: { level: 10 } }),
        ).rejects.toMatchObject({
          code: 'REJECTED_BY_POLICY',
          reason: 'post-update',
          model: 'Item',
          operation: 'updateManyAndReturn',
        });
        expect(await items()).toEqual(before);
      });

      it('runs inside a caller transaction and is rolled back with it', async () => {
        await db.item.createMany({ data: [{ id: 1 }, { id: 2 }] });
        const err = await asUser()
          .$transaction(async (tx: any) => {
            const res = await tx.item.updateManyAndReturn({ data: { level: 7 } });
            expect(res.map((r: { level: number }) => r.level)).toEqual([7, 7]);
            throw new Error('undo');
          })
          .catch((e: Error) => e);
        expect(err).toMatchObject({ message: 'undo' });
        expect((await items()).map((r: { level: number }) => r.level)).toEqual([0, 0]);
      });
    });

    describe('createManyAndReturn', () => {
      it('returns the created rows in the order given, shaped by select, omit and include', async () => {
        const ids = scrambled(30).map((k) => k + 1);
        const res = await asUser().item.createManyAndReturn({
          data: ids.map((id) => ({ id, level: id, groupId: id % 2 === 0 ? 1 : null })),
          select: { level: true },
        });
        expect(res).toEqual(ids.map((id) => ({ level: id })));
        const cells = scrambled(25).map(cellOf);
        const out = await asUser().cell.createManyAndReturn({
          data: cells,
          omit: { hidden: true },
        });
        expect(out).toEqual(cells);
        await db.item.deleteMany({});
        const withGroup = await asUser().item.createManyAndReturn({
          data: [{ id: 9, groupId: 1 }, { id: 8 }],
          include: { group: true },
        });
        expect(withGroup).toMatchObject([
          { id: 9, group: { id: 1, name: 'g' } },
          { id: 8, group: null },
        ]);
      });

      it('keeps the order given when rows set different fields', async () => {
        // The ORM inserts rows with different columns by separate statements.
        const data = [
          { id: 1, groupId: 1 },
          { id: 2 },
          { id: 3, groupId: 1 },
          { id: 4 },
          { id: 5 },
        ];
        const res = await asUser().item.createManyAndReturn({ data, select: { id: true } });
        expect(res).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }]);
      });

      it('returns the readable rows when one created row is unreadable, keeping every row', async () => {
        const res = await asUser().item.createManyAndReturn({
          data: [{ id: 1 }, { id: 2, hidden: true }, { id: 3 }],
          select: { id: true },
        });
        expect(res).toEqual([{ id: 1 }, { id: 3 }]);
        expect((await items()).map((r: { id: number }) => r.id)).toEqual([1, 2, 3]);
      });

      it('leaves out rows skipped as duplicates, like the plain client', async () => {
        await db.item.create({ data: { id: 2, level: 7 } });
        const res = await asUser().item.createManyAndReturn({
          data: [{ id: 1 }, { id: 2 }, { id: 3 }],
          skipDuplicates: true,
          select: { id: true, level: true },
        });
        expect(res).toEqual([
          { id: 1, level: 0 },
          { id: 3, level: 0 },
        ]);
        expect((await items()).map((r: { level: number }) => r.level)).toEqual([0, 7, 0]);
      });

      it('writes nothing when one row breaks the create rule', async () => {
        await expect(
          asUser().item.createManyAndReturn({
            data: [{ id: 1 }, { id: 2, level: 5 }, { id: 3, level: 1000 }],
          }),
        ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'no-access', model: 'Item' });
        expect(await db.item.count()).toBe(0);
      });
    });

    describe('ids the user may not read', () => {
      it('are returned masked, rows in the written order', async () => {
        const created = await asUser().badge.createManyAndReturn({
          data: [{ code: 'b', mine: true }, { code: 'c' }, { code: 'a', mine: true }],
        });
        expect(created).toEqual([
          { code: 'b', mine: true, n: 0 },
          { code: null, mine: false, n: 0 },
          { code: 'a', mine: true, n: 0 },
        ]);
        // Chosen while their ids are readable, masked once updated.
        await db.badge.updateMany({ data: { mine: true } });
        const chosen = await db.badge.findMany({ where: { code: { in: ['a', 'c'] } } });
        const updated = await asUser().badge.updateManyAndReturn({
          where: { code: { in: ['a', 'c'] } },
          data: { mine: false, n: 1 },
          select: { code: true, n: true },
        });
        expect(updated).toEqual(chosen.map(() => ({ code: null, n: 1 })));
        expect(await db.badge.count({ where: { n: 1, mine: false } })).toBe(2);
      });
    });

    describe('statements', () => {
      const ROWS = 300;

      it(`writes and returns ${ROWS} rows with a few statements`, async () => {
        const ids = scrambled(ROWS).map((k) => k + 1);
        const created = await asUser().item.createManyAndReturn({
          data: ids.map((id) => ({ id, level: id % 50 })),
          select: { id: true },
        });
        expect(created).toEqual(ids.map((id) => ({ id })));
        const creating = statements.length;
        statements.length = 0;
        // Field-level and post-update rules both apply: the watched path of the ORM.
        const updated = await asUser().item.updateManyAndReturn({
          data: { level: { increment: 1 }, label: 'x' },
          select: { id: true, level: true },
        });
        expect(updated).toHaveLength(ROWS);
        expect([...updated].sort((a: { id: number }, b: { id: number }) => a.id - b.id)).toEqual(
          Array.from({ length: ROWS }, (_, i) => ({ id: i + 1, level: ((i + 1) % 50) + 1 })),
        );
        const updating = statements.length;
        expect(creating).toBeLessThan(15);
        expect(updating).toBeLessThan(15);
      });

      it('handles more rows than one statement takes, with compound ids, in order', async () => {
        const cells = scrambled(1201).map(cellOf);
        const created = await asUser().cell.createManyAndReturn({
          data: cells,
          select: { value: true },
        });
        expect(created).toEqual(cells.map((c) => ({ value: c.value })));
        await db.cell.updateMany({ where: { pos: 3 }, data: { hidden: true } });
        const chosen = await db.cell.findMany({ where: { value: { gte: 100 } } });
        const updated = await asUser().cell.updateManyAndReturn({
          where: { value: { gte: 100 } },
          data: { value: { increment: 10_000 } },
          select: { key: true, value: true },
        });
        expect(updated).toEqual(
          chosen
            .filter((c: { hidden: boolean }) => !c.hidden)
            .map((c: { key: string; value: number }) => ({ key: c.key, value: c.value + 10_000 })),
        );
        const more = scrambled(1100).map((k) => ({ ...cellOf(k + 5000), hidden: k === 1099 }));
        const readable = await asUser().cell.createManyAndReturn({
          data: more,
          select: { key: true },
        });
        expect(readable).toHaveLength(1099);
        expect(await db.cell.count()).toBe(1201 + 1100);
      }, 60_000);
    });
  },
);
