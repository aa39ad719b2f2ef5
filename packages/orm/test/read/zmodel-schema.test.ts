import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { clientContext } from '../../src/index.js';
import { socialSchema } from '../fixtures/social-schema.js';
import type { TestClient } from '../helpers/setup.js';
import { insertRows, openDatabase } from '../helpers/setup.js';

describe.each(await testDialects())('a schema loaded from ZModel on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  beforeAll(async () => {
    t = await openDatabase(dialect, await socialSchema(dialect));
    db = t.db;
    await insertRows(db, 'Person', [
      { id: 1, handle: 'ann', level: 'HIGH' },
      { id: 2, handle: 'ben', level: 'LOW' },
      { id: 3, handle: 'cat', level: 'LOW' },
    ]);
    await insertRows(db, 'Group', [
      { id: 1, name: 'chess' },
      { id: 2, name: 'go' },
    ]);
    await insertRows(db, 'Member', [
      { personId: 1, groupId: 1, role: 'owner' },
      { personId: 2, groupId: 1, role: 'member' },
      { personId: 2, groupId: 2, role: 'owner' },
    ]);
    const ctx = clientContext(db);
    const rel = ctx.schema.models.Person!.fields.friends!.relation!;
    const jt = rel.joinTable!;
    // ann -> ben, ann -> cat, ben -> cat (as "friends" from the first side)
    for (const [from, to] of [
      [1, 2],
      [1, 3],
      [2, 3],
    ]) {
      await ctx.kysely
        .insertInto(jt.name)
        .values({ [jt.column]: from, [jt.otherColumn]: to })
        .execute();
    }
  });
  afterAll(() => t.drop());

  it('reads mapped columns and enum values stored under their @map names', async () => {
    expect(await db.person.findUnique({ where: { handle: 'ann' } })).toEqual({
      id: 1,
      handle: 'ann',
      level: 'HIGH',
    });
    expect(
      (await db.person.findMany({ where: { level: 'LOW' }, orderBy: { id: 'asc' } })).map(
        (p: any) => p.id,
      ),
    ).toEqual([2, 3]);
    const stored = await db.$queryRaw`select level from people where id = ${1}`;
    expect(stored[0].level).toBe('high');
  });

  it('follows a self many-to-many from both sides', async () => {
    const ann = await db.person.findUnique({
      where: { id: 1 },
      include: { friends: { orderBy: { id: 'asc' }, select: { handle: true } }, friendOf: true },
    });
    expect(ann.friends).toEqual([{ handle: 'ben' }, { handle: 'cat' }]);
    expect(ann.friendOf).toEqual([]);
    const cat = await db.person.findUnique({
      where: { id: 3 },
      select: {
        friendOf: { orderBy: { id: 'asc' }, select: { id: true } },
        _count: { select: { friendOf: true } },
      },
    });
    expect(cat).toEqual({ friendOf: [{ id: 1 }, { id: 2 }], _count: { friendOf: 2 } });
    expect(
      (await db.person.findMany({ where: { friendOf: { some: { handle: 'ben' } } } })).map(
        (p: any) => p.id,
      ),
    ).toEqual([3]);
  });

  it('uses a compound id as a unique where and through an explicit join model', async () => {
    const m = await db.member.findUnique({
      where: { personId_groupId: { personId: 2, groupId: 2 } },
      include: { group: true },
    });
    expect(m).toEqual({ personId: 2, groupId: 2, role: 'owner', group: { id: 2, name: 'go' } });
    const ben = await db.person.findUnique({
      where: { id: 2 },
      include: {
        groups: { orderBy: { groupId: 'asc' }, include: { group: { select: { name: true } } } },
      },
    });
    expect(ben.groups.map((g: any) => [g.role, g.group.name])).toEqual([
      ['member', 'chess'],
      ['owner', 'go'],
    ]);
    const chessOwners = await db.person.findMany({
      where: { groups: { some: { role: 'owner', group: { name: 'chess' } } } },
    });
    expect(chessOwners.map((p: any) => p.handle)).toEqual(['ann']);
  });
});
