import { testDialects } from '@warden/test-kit';
import { beforeEach, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// A field-level read rule on the id itself: the policy layer selects rows by id for its own
// checks (field update rules, post-update rules, read-back), so a masked id must not make
// those checks lose the rows.
const text = `
model User {
  id   Int    @id
  role String
  @@allow('all', true)
}

model Doc {
  id    Int    @id @allow('read', auth() != null && auth().role == 'ADMIN')
  title String @allow('update', auth().role != 'GUEST')
  owner Int
  @@allow('all', true)
  @@deny('update', future().title == 'forbidden')
}
`;

describe.each(await testDialects())('a field read rule on the id on %s', (dialect) => {
  let db: any;
  const as = (role: string) => enhance(db, { user: { id: 1, role } });

  ormTestDb(dialect, text, (opened) => (db = opened));
  beforeEach(async () => {
    await db.doc.deleteMany({});
    await db.doc.createMany({
      data: [
        { id: 1, title: 'a', owner: 1 },
        { id: 2, title: 'b', owner: 2 },
      ],
    });
  });

  it('masks the id on reads for users the rule does not admit', async () => {
    expect(await as('USER').doc.findMany({ orderBy: { title: 'asc' } })).toEqual([
      { id: null, title: 'a', owner: 1 },
      { id: null, title: 'b', owner: 2 },
    ]);
    expect(
      (await as('ADMIN').doc.findMany({ orderBy: { id: 'asc' } })).map((d: any) => d.id),
    ).toEqual([1, 2]);
  });

  it('still updates by id, checking the field and post-update rules', async () => {
    const r = await as('USER').doc.update({ where: { id: 1 }, data: { title: 'c' } });
    expect(r).toEqual({ id: null, title: 'c', owner: 1 });
    await expect(
      as('USER').doc.update({ where: { id: 1 }, data: { title: 'forbidden' } }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'post-update' });
    await expect(
      as('GUEST').doc.update({ where: { id: 1 }, data: { title: 'd' } }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'field-update' });
    expect((await db.doc.findUnique({ where: { id: 1 } })).title).toBe('c');
  });

  it('updateMany and deleteMany count the rows they touched', async () => {
    expect(await as('USER').doc.updateMany({ where: { owner: 2 }, data: { title: 'e' } })).toEqual({
      count: 1,
    });
    await expect(as('USER').doc.updateMany({ data: { title: 'forbidden' } })).rejects.toMatchObject(
      { reason: 'post-update' },
    );
    expect((await db.doc.findMany({ orderBy: { id: 'asc' } })).map((d: any) => d.title)).toEqual([
      'a',
      'e',
    ]);
    expect(await as('USER').doc.deleteMany({ where: { owner: 1 } })).toEqual({ count: 1 });
    expect(await db.doc.count()).toBe(1);
  });

  it('upsert and delete by id', async () => {
    const u = await as('USER').doc.upsert({
      where: { id: 2 },
      create: { id: 2, title: 'x', owner: 2 },
      update: { title: 'f' },
    });
    expect(u.title).toBe('f');
    expect(await as('USER').doc.delete({ where: { id: 2 } })).toMatchObject({ title: 'f' });
    expect(await db.doc.count()).toBe(1);
  });
});
