import { testDialects } from '@warden/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { openOrmDb, schemaFromText, type OrmTestDb } from '../helpers/orm-db.js';

// A one-row create/update whose read rule reads only the row itself is written with one
// statement that also returns whether the row may be read back. These cases pin that this
// path answers exactly like the read-back query it replaces, and writes exactly once.
const SCHEMA = `
model User {
  id      String  @id
  level   Int
  @@allow('all', true)
}

model Team {
  id      Int     @id
  open    Boolean @default(false)
  notes   Note[]
  boards  Board[]
  @@allow('all', true)
}

model Note {
  id      Int     @id @default(autoincrement())
  owner   String?
  shared  Boolean @default(false)
  hits    Int     @default(0)
  level   Int     @default(0)
  secret  String? @allow('read', owner == auth().id)
  team    Team?   @relation(fields: [teamId], references: [id])
  teamId  Int?
  @@allow('create,update', true)
  @@allow('read', shared || owner == auth().id)
  @@deny('read', hits > 100)
  @@deny('read', level > auth().level)
}

model Board {
  id      Int     @id @default(autoincrement())
  team    Team    @relation(fields: [teamId], references: [id])
  teamId  Int
  hits    Int     @default(0)
  @@allow('create,update', true)
  @@allow('read', team.open)
}
`;

describe.each(await testDialects())('mutation results read back in RETURNING on %s', (dialect) => {
  let t: OrmTestDb;
  let db: any;
  const ann = { id: 'ann', level: 5 };

  beforeAll(async () => {
    t = await openOrmDb(dialect, await schemaFromText(SCHEMA, dialect));
    db = t.db;
    await db.team.create({ data: { id: 1, open: false } });
    await db.team.create({ data: { id: 2, open: true } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('returns a readable updated row', async () => {
    const n = await db.note.create({ data: { owner: 'ann' } });
    const out = await enhance(db, { user: ann }).note.update({
      where: { id: n.id },
      data: { hits: { increment: 1 } },
    });
    expect(out).toMatchObject({ id: n.id, hits: 1, owner: 'ann' });
  });

  it('an update that makes the row unreadable is kept once and reported', async () => {
    const n = await db.note.create({ data: { owner: 'ann', hits: 100 } });
    const err = await enhance(db, { user: ann })
      .note.update({ where: { id: n.id }, data: { hits: { increment: 1 } } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'REJECTED_BY_POLICY',
      reason: 'cannot-read-back',
      model: 'Note',
      operation: 'update',
    });
    expect((err as Error).message).toMatch(/WAS performed/);
    expect((await db.note.findUnique({ where: { id: n.id } })).hits).toBe(101);
  });

  it('a create the user cannot read is kept once and reported', async () => {
    const before = await db.note.count();
    const err = await enhance(db, { user: ann })
      .note.create({ data: { owner: 'bea' } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'cannot-read-back' });
    expect(await db.note.count()).toBe(before + 1);
  });

  it('missing values decide as the semantics say: null-safe ==, an unknown deny denies', async () => {
    // For ann, owner == auth().id with owner NULL is FALSE (null-safe), shared is false.
    const hidden = await enhance(db, { user: ann })
      .note.create({ data: { owner: null } })
      .catch((e: unknown) => e);
    expect(hidden).toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'cannot-read-back' });
    expect(
      await enhance(db, { user: ann }).note.create({ data: { owner: null, shared: true } }),
    ).toMatchObject({ shared: true });
    // Anonymous: level > auth().level is UNKNOWN, and an unknown deny denies, shared or not.
    const anon = await enhance(db)
      .note.create({ data: { owner: null, shared: true } })
      .catch((e: unknown) => e);
    expect(anon).toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'cannot-read-back' });
    // A level the user may see is readable again.
    expect(
      await enhance(db, { user: { id: 'zed', level: 0 } }).note.create({
        data: { shared: true },
      }),
    ).toMatchObject({ level: 0 });
  });

  it('a field read rule masks the field in the result', async () => {
    const n = await db.note.create({ data: { owner: 'bea', shared: true, secret: 's' } });
    const out = await enhance(db, { user: ann }).note.update({
      where: { id: n.id },
      data: { hits: 5 },
    });
    expect(out.secret).toBeNull();
    const own = await enhance(db, { user: { id: 'bea', level: 1 } }).note.update({
      where: { id: n.id },
      data: { hits: 6 },
    });
    expect(own.secret).toBe('s');
  });

  it('a read rule through a relation reads back by query, with the same answers', async () => {
    // Readable before the update (open team), not after it (moved to the closed team).
    const moved = await db.board.create({ data: { teamId: 2 } });
    const err = await enhance(db, { user: ann })
      .board.update({ where: { id: moved.id }, data: { hits: { increment: 1 }, teamId: 1 } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'cannot-read-back' });
    expect((await db.board.findUnique({ where: { id: moved.id } })).hits).toBe(1);
    const open = await enhance(db, { user: ann }).board.create({ data: { teamId: 2 } });
    expect(open.teamId).toBe(2);
  });

  it('inside a transaction the row is read back by query, and a rollback undoes the write', async () => {
    const n = await db.note.create({ data: { owner: 'ann' } });
    const e = enhance(db, { user: ann });
    await expect(
      e.$transaction(async (tx: any) => {
        const out = await tx.note.update({ where: { id: n.id }, data: { hits: 7 } });
        expect(out.hits).toBe(7);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await db.note.findUnique({ where: { id: n.id } })).hits).toBe(0);
  });
});
