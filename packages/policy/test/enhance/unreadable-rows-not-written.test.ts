import { testDialects } from '@warden/test-kit';
import { beforeEach, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// An update or delete reaches only rows the caller may read AND is permitted to change, as
// with PostgreSQL row security: a hidden row is a missing one (NOT_FOUND, nothing written),
// a readable row the rules do not permit is REJECTED_BY_POLICY, at the top level and nested,
// and the many-forms leave both kinds alone. Items with views >= 0 and children marked hidden
// are unreadable; locked rows are readable (when not hidden) but may not be changed.
const text = `
model Item {
  id       Int     @id
  views    Int
  locked   Boolean @default(false)
  label    String  @default("")
  parent   Parent? @relation(fields: [parentId], references: [id])
  parentId Int?
  @@allow('read', views < 0)
  @@allow('create', true)
  @@allow('update,delete', !locked)
}

model Parent {
  id      Int    @id
  name    String @default("")
  items   Item[]
  child   Child? @relation(fields: [childId], references: [id])
  childId Int?   @unique
  @@allow('all', true)
}

model Child {
  id     Int     @id
  value  Int     @default(0)
  hidden Boolean @default(false)
  locked Boolean @default(false)
  parent Parent?
  @@allow('read', !hidden)
  @@allow('create', true)
  @@allow('update,delete', !locked)
}
`;

// Item 1: hidden, changeable. 2: readable, changeable. 3: readable, locked. 4: hidden, locked.
// Parent n has child n: 1 hidden, 2 readable but locked, 3 readable and changeable.
const ITEMS = [
  { id: 1, views: 5 },
  { id: 2, views: -1 },
  { id: 3, views: -1, locked: true },
  { id: 4, views: 5, locked: true },
];

describe.each(await testDialects())(
  'rows the caller cannot read are not written, on %s',
  (dialect) => {
    let db: any;
    const user = () => enhance(db, { user: { id: 1 } }) as any;
    const labels = async () =>
      (await db.item.findMany({ orderBy: { id: 'asc' } })).map((r: any) => `${r.id}:${r.label}`);
    const values = async () =>
      (await db.child.findMany({ orderBy: { id: 'asc' } })).map((r: any) => `${r.id}:${r.value}`);
    const UNTOUCHED = ['1:', '2:', '3:', '4:'];

    ormTestDb(dialect, text, (opened) => (db = opened));

    beforeEach(async () => {
      await db.parent.deleteMany();
      await db.item.deleteMany();
      await db.child.deleteMany();
      await db.child.createMany({
        data: [{ id: 1, hidden: true }, { id: 2, locked: true }, { id: 3 }],
      });
      await db.parent.createMany({
        data: [
          { id: 1, childId: 1 },
          { id: 2, childId: 2 },
          { id: 3, childId: 3 },
        ],
      });
      await db.item.createMany({ data: ITEMS.map((i) => ({ ...i, parentId: 1 })) });
    });

    it('update of a hidden row is NOT_FOUND and writes nothing, on every path', async () => {
      const u = user();
      const args = { where: { id: 1 }, data: { label: 'x' } };
      await expect(u.item.update(args)).rejects.toMatchObject({ code: 'NOT_FOUND', model: 'Item' });
      await expect(u.item.update({ ...args, select: { id: true } })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(u.item.update({ ...args, include: { parent: true } })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(u.$transaction((tx: any) => tx.item.update(args))).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      // A hidden and locked row is as missing as a hidden one.
      await expect(u.item.update({ where: { id: 4 }, data: { label: 'x' } })).rejects.toMatchObject(
        { code: 'NOT_FOUND' },
      );
      expect(await labels()).toEqual(UNTOUCHED);
      // Readable but locked: refused, not missing. Readable and permitted: written.
      await expect(u.item.update({ where: { id: 3 }, data: { label: 'x' } })).rejects.toMatchObject(
        { code: 'REJECTED_BY_POLICY', reason: 'no-access' },
      );
      expect(await u.item.update({ where: { id: 2 }, data: { label: 'x' } })).toMatchObject({
        id: 2,
        label: 'x',
      });
      expect(await labels()).toEqual(['1:', '2:x', '3:', '4:']);
    });

    it('delete of a hidden row is NOT_FOUND and deletes nothing', async () => {
      const u = user();
      await expect(u.item.delete({ where: { id: 1 } })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        model: 'Item',
      });
      await expect(
        u.$transaction((tx: any) =>
          tx.item.delete({ where: { id: 1 }, include: { parent: true } }),
        ),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(u.item.delete({ where: { id: 3 } })).rejects.toMatchObject({
        code: 'REJECTED_BY_POLICY',
        reason: 'no-access',
      });
      expect(await labels()).toEqual(UNTOUCHED);
      expect(await u.item.delete({ where: { id: 2 } })).toMatchObject({ id: 2 });
      expect(await labels()).toEqual(['1:', '3:', '4:']);
    });

    it('upsert of an existing hidden row neither updates it nor creates another', async () => {
      const u = user();
      const args = {
        where: { id: 1 },
        create: { id: 1, views: -1, label: 'new' },
        update: { label: 'upd' },
      };
      await expect(u.item.upsert(args)).rejects.toMatchObject({ code: 'NOT_FOUND', model: 'Item' });
      await expect(u.$transaction((tx: any) => tx.item.upsert(args))).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await labels()).toEqual(UNTOUCHED);
      await expect(
        u.item.upsert({ ...args, where: { id: 3 }, create: { id: 3, views: -1 } }),
      ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'no-access' });
      expect(await labels()).toEqual(UNTOUCHED);
    });

    it('updateMany, updateManyAndReturn and deleteMany leave hidden and locked rows alone', async () => {
      const u = user();
      expect(await u.item.updateMany({ data: { label: 'm' } })).toEqual({ count: 1 });
      expect(await labels()).toEqual(['1:', '2:m', '3:', '4:']);
      expect(
        await u.item.updateManyAndReturn({
          data: { label: 'r' },
          select: { id: true, label: true },
        }),
      ).toEqual([{ id: 2, label: 'r' }]);
      expect(await u.item.updateMany({ where: { id: 1 }, data: { label: 'm' } })).toEqual({
        count: 0,
      });
      expect(await labels()).toEqual(['1:', '2:r', '3:', '4:']);
      expect(await u.item.deleteMany({ where: { id: { in: [1, 3, 4] } } })).toEqual({ count: 0 });
      expect(await u.item.deleteMany()).toEqual({ count: 1 });
      expect(await labels()).toEqual(['1:', '3:', '4:']);
    });

    it('a nested update or delete of a hidden row is NOT_FOUND, of a locked one REJECTED', async () => {
      const u = user();
      const nested = (parent: number, data: object) =>
        u.parent.update({ where: { id: parent }, data, include: { child: true } });
      await expect(nested(1, { child: { update: { value: 1 } } })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        model: 'Child',
      });
      await expect(nested(1, { child: { delete: true } })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        model: 'Child',
      });
      await expect(nested(2, { child: { update: { value: 1 } } })).rejects.toMatchObject({
        code: 'REJECTED_BY_POLICY',
        model: 'Child',
      });
      await expect(nested(2, { child: { delete: true } })).rejects.toMatchObject({
        code: 'REJECTED_BY_POLICY',
        model: 'Child',
      });
      // An upsert does not replace a linked row it may not reach with a created one.
      const upsert = { child: { upsert: { create: { id: 9, value: 5 }, update: { value: 5 } } } };
      await expect(nested(1, upsert)).rejects.toMatchObject({ code: 'NOT_FOUND', model: 'Child' });
      await expect(nested(2, upsert)).rejects.toMatchObject({
        code: 'REJECTED_BY_POLICY',
        model: 'Child',
      });
      expect(await values()).toEqual(['1:0', '2:0', '3:0']);
      expect(
        (await db.parent.findMany({ orderBy: { id: 'asc' } })).map((p: any) => p.childId),
      ).toEqual([1, 2, 3]);
      expect(await nested(3, { child: { update: { value: 1 } } })).toMatchObject({
        child: { id: 3, value: 1 },
      });
      expect(await values()).toEqual(['1:0', '2:0', '3:1']);

      const items = (data: object) => nested(1, { items: data });
      await expect(
        items({ update: { where: { id: 1 }, data: { label: 'n' } } }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND', model: 'Item' });
      await expect(items({ delete: { id: 1 } })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        model: 'Item',
      });
      await expect(
        items({ update: { where: { id: 3 }, data: { label: 'n' } } }),
      ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', model: 'Item' });
      await expect(items({ delete: { id: 3 } })).rejects.toMatchObject({
        code: 'REJECTED_BY_POLICY',
        model: 'Item',
      });
      expect(await labels()).toEqual(UNTOUCHED);
      await items({ updateMany: { where: {}, data: { label: 'u' } } });
      expect(await labels()).toEqual(['1:', '2:u', '3:', '4:']);
      await items({ deleteMany: {} });
      expect(await labels()).toEqual(['1:', '3:', '4:']);
    });
  },
);
