import { testDialects } from '@warden/test-kit';
import { beforeEach, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// Auth.js's models keyed by a unique instead of an id, under policies: the unique is the row's
// identity for row filters, per-row permissions, post-update checks and read-backs.
const text = `
model User {
  id       String    @id
  email    String    @unique
  accounts Account[]
  sessions Session[]
  @@allow('read', true)
  @@allow('update', auth() == this)
}

model Account {
  userId            String
  provider          String
  providerAccountId String
  user              User   @relation(fields: [userId], references: [id], onDelete: Cascade)
  @@unique([provider, providerAccountId])
  @@allow('read', user == auth())
  @@allow('create,update,delete', user == auth())
}

model Session {
  sessionToken String   @unique
  userId       String
  expires      Int
  user         User     @relation(fields: [userId], references: [id], onDelete: Cascade)
  @@allow('all', user == auth())
}

model VerificationToken {
  identifier String
  token      String
  uses       Int    @default(0)
  @@unique([identifier, token])
  @@allow('read,create,delete', true)
  @@allow('update', uses < 3)
  @@deny('update', future().uses < uses)
}
`;

describe.each(await testDialects())('models keyed by a unique under policies on %s', (dialect) => {
  let db: any;
  const as = (id: string) => enhance(db, { user: { id } });
  ormTestDb(dialect, text, (opened) => (db = opened));
  beforeEach(async () => {
    for (const m of ['session', 'account', 'verificationToken', 'user']) await db[m].deleteMany({});
    await db.user.createMany({
      data: [
        { id: 'u1', email: 'a@x' },
        { id: 'u2', email: 'b@x' },
      ],
    });
    await db.session.createMany({
      data: [
        { sessionToken: 's1', userId: 'u1', expires: 1 },
        { sessionToken: 's2', userId: 'u2', expires: 1 },
        { sessionToken: 's3', userId: 'u1', expires: 1 },
      ],
    });
    await db.account.createMany({
      data: [
        { userId: 'u1', provider: 'gh', providerAccountId: '1' },
        { userId: 'u2', provider: 'gh', providerAccountId: '2' },
      ],
    });
  });

  it('filters find, update and delete by unique with the row rules', async () => {
    const u1 = as('u1');
    expect(await u1.session.findUnique({ where: { sessionToken: 's2' } })).toBeNull();
    expect((await u1.session.findMany({ orderBy: { sessionToken: 'asc' } })).length).toBe(2);
    await expect(
      u1.session.update({ where: { sessionToken: 's2' }, data: { expires: 5 } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(u1.session.delete({ where: { sessionToken: 's2' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await u1.session.update({ where: { sessionToken: 's1' }, data: { expires: 5 } }),
    ).toEqual({ sessionToken: 's1', userId: 'u1', expires: 5 });
    expect(await u1.session.delete({ where: { sessionToken: 's3' } })).toMatchObject({
      sessionToken: 's3',
    });
    expect(await db.session.count()).toBe(2);
    const where = { provider_providerAccountId: { provider: 'gh', providerAccountId: '2' } };
    expect(await u1.account.findUnique({ where })).toBeNull();
    await expect(u1.account.delete({ where })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers per-row permissions by the unique', async () => {
    expect(await as('u1').session.permissions({ ids: ['s1', 's2', 's3'] })).toEqual({
      s1: { read: true, update: true, delete: true },
      s3: { read: true, update: true, delete: true },
    });
  });

  it('runs nested writes and connects by the compound unique under the rules', async () => {
    const u1 = as('u1');
    const res = await u1.user.update({
      where: { id: 'u1' },
      data: {
        sessions: { create: { sessionToken: 's9', expires: 9 }, delete: { sessionToken: 's3' } },
        accounts: { create: { provider: 'gl', providerAccountId: '9' } },
      },
      include: { sessions: { orderBy: { sessionToken: 'asc' } }, accounts: true },
    });
    expect(res.sessions.map((s: any) => s.sessionToken)).toEqual(['s1', 's9']);
    expect(res.accounts.map((a: any) => a.provider).sort()).toEqual(['gh', 'gl']);
    // u2's account is not u1's to take: the connect's update of it is filtered out
    await expect(
      u1.user.update({
        where: { id: 'u1' },
        data: {
          accounts: {
            connect: { provider_providerAccountId: { provider: 'gh', providerAccountId: '2' } },
          },
        },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.account.findMany({ where: { userId: 'u2' } })).length).toBe(1);
    // a nested delete of another user's session finds nothing
    await expect(
      u1.user.update({
        where: { id: 'u1' },
        data: { sessions: { delete: { sessionToken: 's2' } } },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads back createManyAndReturn by the compound unique and checks post-update rules', async () => {
    const anyone = as('u2');
    const rows = await anyone.verificationToken.createManyAndReturn({
      data: [
        { identifier: 'b', token: '1' },
        { identifier: 'a', token: '1', uses: 2 },
      ],
      select: { identifier: true, uses: true },
    });
    expect(rows).toEqual([
      { identifier: 'b', uses: 0 },
      { identifier: 'a', uses: 2 },
    ]);
    const where = { identifier_token: { identifier: 'a', token: '1' } };
    expect(await anyone.verificationToken.update({ where, data: { uses: 3 } })).toMatchObject({
      uses: 3,
    });
    // uses < 3 no longer holds: the row is readable but not updatable
    await expect(
      anyone.verificationToken.update({ where, data: { uses: 4 } }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', model: 'VerificationToken' });
    await expect(
      anyone.verificationToken.update({
        where: { identifier_token: { identifier: 'b', token: '1' } },
        data: { uses: { decrement: 1 } },
      }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'post-update' });
    const page = await anyone.verificationToken.findMany({
      cursor: { identifier_token: { identifier: 'a', token: '1' } },
      skip: 1,
      take: 1,
    });
    expect(page).toEqual([{ identifier: 'b', token: '1', uses: 0 }]);
  });
});
