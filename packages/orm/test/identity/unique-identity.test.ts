import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSchema } from '@warden/language';
import type { SchemaDef } from '@warden/schema';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import { createClient } from '../../src/index.js';

// Models keyed by a unique instead of an id, as Auth.js's Prisma adapter writes them: the first
// unique of required fields is the row's identity for every operation.
export const authText = `
model User {
  id       String    @id @default(cuid())
  email    String    @unique
  name     String?
  accounts Account[]
  sessions Session[]
  password Password?
  logins   Login[]
}

model Account {
  userId            String
  type              String
  provider          String
  providerAccountId String
  access_token      String?
  user              User    @relation(fields: [userId], references: [id], onDelete: Cascade)
  @@unique([provider, providerAccountId])
}

model Session {
  sessionToken String   @unique
  userId       String
  expires      DateTime
  user         User     @relation(fields: [userId], references: [id], onDelete: Cascade)
  devices      Device[]
}

model Device {
  id           Int      @id @default(autoincrement())
  label        String
  sessionToken String?
  session      Session? @relation(fields: [sessionToken], references: [sessionToken])
}

model VerificationToken {
  identifier String
  token      String
  expires    DateTime
  @@unique([identifier, token])
}

model Password {
  hash   String
  user   User   @relation(fields: [userId], references: [id], onDelete: Cascade)
  userId String @unique
}

model Login {
  at        Int
  userEmail String
  user      User   @relation(fields: [userEmail], references: [email])
  @@unique([userEmail, at], name: "byUser")
}
`;

async function schemaOf(dialect: string): Promise<SchemaDef> {
  const r = await loadSchema({
    text: `datasource db {\n  provider = "${dialect}"\n  url = "file:x"\n}\n${authText}`,
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.schema;
}

const day = (n: number): Date => new Date(Date.UTC(2030, 0, n));

describe.each(await testDialects())('models keyed by a unique on %s', (dialect) => {
  let db: any;
  let schema: SchemaDef;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const t = await createTestDatabase(dialect);
    schema = await schemaOf(dialect);
    db = createClient(schema, { url: t.url });
    await db.$pushSchema();
    drop = async () => {
      await db.$disconnect();
      await t.drop();
    };
  });
  afterAll(() => drop());
  beforeEach(async () => {
    for (const m of ['device', 'login', 'password', 'session', 'account', 'verificationToken'])
      await db[m].deleteMany({});
    await db.user.deleteMany({});
    await db.user.create({ data: { id: 'u1', email: 'a@x.io' } });
    await db.user.create({ data: { id: 'u2', email: 'b@x.io' } });
  });

  it('takes the first unique of required fields as the identity', () => {
    const s = schema;
    expect(s.models.Session!.idFields).toEqual(['sessionToken']);
    expect(s.models.Session!.idUnique).toBe('sessionToken');
    expect(s.models.VerificationToken!.idFields).toEqual(['identifier', 'token']);
    expect(s.models.Login!.idUnique).toBe('byUser');
    expect(s.models.User!.idUnique).toBeUndefined();
  });

  it('creates, finds, updates, upserts and deletes by the unique', async () => {
    const s = await db.session.create({
      data: { sessionToken: 't1', expires: day(1), user: { connect: { id: 'u1' } } },
    });
    expect(s).toEqual({ sessionToken: 't1', userId: 'u1', expires: day(1) });
    expect(await db.session.findUnique({ where: { sessionToken: 't1' } })).toEqual(s);
    const up = await db.session.update({
      where: { sessionToken: 't1' },
      data: { expires: day(2) },
      include: { user: { select: { email: true } } },
    });
    expect(up).toEqual({ ...s, expires: day(2), user: { email: 'a@x.io' } });
    await db.session.upsert({
      where: { sessionToken: 't2' },
      create: { sessionToken: 't2', expires: day(3), userId: 'u2' },
      update: {},
    });
    await db.session.upsert({
      where: { sessionToken: 't2' },
      create: { sessionToken: 't2', expires: day(3), userId: 'u2' },
      update: { expires: day(4) },
    });
    expect((await db.session.findUniqueOrThrow({ where: { sessionToken: 't2' } })).expires).toEqual(
      day(4),
    );
    expect(
      await db.session.delete({ where: { sessionToken: 't1' }, select: { userId: true } }),
    ).toEqual({ userId: 'u1' });
    expect(await db.session.count()).toBe(1);
    await expect(db.session.delete({ where: { sessionToken: 't1' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('names a row by a compound unique (default and given names)', async () => {
    const v = { identifier: 'a@x.io', token: 'abc', expires: day(1) };
    await db.verificationToken.create({ data: v });
    const where = { identifier_token: { identifier: 'a@x.io', token: 'abc' } };
    expect(await db.verificationToken.findUnique({ where })).toEqual(v);
    expect(await db.verificationToken.update({ where, data: { expires: day(5) } })).toEqual({
      ...v,
      expires: day(5),
    });
    expect(await db.verificationToken.delete({ where })).toEqual({ ...v, expires: day(5) });
    expect(await db.verificationToken.findUnique({ where })).toBeNull();
    await db.login.create({ data: { at: 1, user: { connect: { email: 'a@x.io' } } } });
    const login = await db.login.findUnique({
      where: { byUser: { userEmail: 'a@x.io', at: 1 } },
      include: { user: { select: { id: true } } },
    });
    expect(login).toEqual({ at: 1, userEmail: 'a@x.io', user: { id: 'u1' } });
    await expect(
      db.verificationToken.findUnique({ where: { token: 'abc' } }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('identifier_token'),
    });
  });

  it('runs nested writes to and from models without an id', async () => {
    await db.user.update({
      where: { id: 'u1' },
      data: {
        sessions: {
          create: [
            { sessionToken: 's1', expires: day(1), devices: { create: { label: 'phone' } } },
            { sessionToken: 's2', expires: day(2) },
          ],
        },
        accounts: { create: { type: 'oauth', provider: 'gh', providerAccountId: '7' } },
        password: { create: { hash: 'h' } },
      },
    });
    await db.account.create({
      data: { type: 'oauth', provider: 'gl', providerAccountId: '8', userId: 'u2' },
    });
    // connect by the compound unique moves the account to u1
    await db.user.update({
      where: { id: 'u1' },
      data: {
        accounts: {
          connect: { provider_providerAccountId: { provider: 'gl', providerAccountId: '8' } },
        },
        sessions: {
          update: { where: { sessionToken: 's2' }, data: { expires: day(9) } },
          delete: { sessionToken: 's1' },
        },
        password: { update: { hash: 'h2' } },
      },
    });
    const u = await db.user.findUnique({
      where: { id: 'u1' },
      include: {
        sessions: { include: { devices: true } },
        accounts: { orderBy: { provider: 'asc' }, select: { provider: true } },
        password: true,
      },
    });
    expect(u.sessions).toEqual([
      { sessionToken: 's2', userId: 'u1', expires: day(9), devices: [] },
    ]);
    expect(u.accounts).toEqual([{ provider: 'gh' }, { provider: 'gl' }]);
    expect(u.password).toEqual({ hash: 'h2', userId: 'u1' });
    // a relation whose references are an identity-less model's unique
    const d = await db.device.create({
      data: { label: 'laptop', session: { connect: { sessionToken: 's2' } } },
      include: { session: { select: { userId: true } } },
    });
    expect(d.session).toEqual({ userId: 'u1' });
    await db.session.update({
      where: { sessionToken: 's2' },
      data: { devices: { disconnect: { id: d.id } } },
    });
    expect((await db.device.findUnique({ where: { id: d.id } })).sessionToken).toBeNull();
    await expect(
      db.user.update({
        where: { id: 'u1' },
        data: {
          accounts: {
            connect: { provider_providerAccountId: { provider: 'x', providerAccountId: '0' } },
          },
        },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads back createManyAndReturn and update results through the read path', async () => {
    const rows = await db.verificationToken.createManyAndReturn({
      data: [
        { identifier: 'b', token: '2', expires: day(2) },
        { identifier: 'a', token: '1', expires: day(1) },
        { identifier: 'b', token: '1', expires: day(3) },
      ],
      select: { token: true, expires: true },
    });
    expect(rows).toEqual([
      { token: '2', expires: day(2) },
      { token: '1', expires: day(1) },
      { token: '1', expires: day(3) },
    ]);
    const sessions = await db.session.createManyAndReturn({
      data: [
        { sessionToken: 'x', expires: day(1), userId: 'u1' },
        { sessionToken: 'y', expires: day(1), userId: 'u2' },
      ],
      include: { user: { select: { email: true } } },
    });
    expect(sessions.map((s: any) => [s.sessionToken, s.user.email])).toEqual([
      ['x', 'a@x.io'],
      ['y', 'b@x.io'],
    ]);
    const updated = await db.verificationToken.updateManyAndReturn({
      where: { identifier: 'b' },
      data: { expires: day(7) },
    });
    expect(updated).toHaveLength(2);
  });

  it('pages with a cursor on the unique, in a stable order', async () => {
    for (const [i, t] of ['c', 'a', 'b', 'd'].entries())
      await db.verificationToken.create({ data: { identifier: 'k', token: t, expires: day(i) } });
    const first = await db.verificationToken.findMany({ take: 2, orderBy: { token: 'asc' } });
    expect(first.map((r: any) => r.token)).toEqual(['a', 'b']);
    const next = await db.verificationToken.findMany({
      take: 2,
      skip: 1,
      orderBy: { token: 'asc' },
      cursor: { identifier_token: { identifier: 'k', token: 'b' } },
    });
    expect(next.map((r: any) => r.token)).toEqual(['c', 'd']);
    await db.session.createMany({
      data: ['s3', 's1', 's2'].map((t) => ({ sessionToken: t, expires: day(1), userId: 'u1' })),
    });
    const page = await db.session.findMany({ cursor: { sessionToken: 's2' }, take: 5 });
    expect(page.map((r: any) => r.sessionToken)).toEqual(['s2', 's3']);
    expect(await db.session.aggregate({ _count: true, _max: { sessionToken: true } })).toEqual({
      _count: 3,
      _max: { sessionToken: 's3' },
    });
  });

  it('answers per-row permissions by a one-field unique identity', async () => {
    await db.session.create({ data: { sessionToken: 'p1', expires: day(1), userId: 'u1' } });
    expect(await db.session.permissions({ ids: ['p1', 'nope'] })).toEqual({
      p1: { read: true, update: true, delete: true },
    });
  });
});
