import { testDialects } from '@warden/test-kit';
import { describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// On an enhanced client an `@omit` field is never returned and never compared, whatever the
// arguments ask (INVALID_INPUT naming it); the plain client keeps the per-query override.
const text = `
model User {
  id       Int    @id
  email    String @unique
  password String @omit
  posts    Post[]
  @@allow('all', true)
}
model Post {
  id       Int    @id
  title    String
  author   User   @relation(fields: [authorId], references: [id])
  authorId Int
  @@allow('all', true)
}
`;

describe.each(await testDialects())('@omit on an enhanced client on %s', (dialect) => {
  let db: any;
  ormTestDb(dialect, text, async (opened) => {
    db = opened;
    await opened.user.create({
      data: { id: 1, email: 'a@x', password: 'secret', posts: { create: { id: 1, title: 't' } } },
    });
  });

  const refused = async (run: () => unknown) => {
    const err = await Promise.resolve()
      .then(run)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toMatchObject({ code: 'INVALID_INPUT' });
    expect(String((err as Error).message)).toContain('User.password');
  };

  it('never returns it, whatever the read asks', async () => {
    const u = enhance(db, { user: { id: 1 } });
    expect(await u.user.findUnique({ where: { id: 1 } })).toEqual({ id: 1, email: 'a@x' });
    await refused(() => u.user.findMany({ select: { id: true, password: true } }));
    await refused(() => u.user.findFirst({ omit: { password: false } }));
    await refused(() => u.user.findUnique({ where: { id: 1 }, select: { password: true } }));
    await refused(() => u.user.findUniqueOrThrow({ where: { id: 1 }, omit: { password: false } }));
    await refused(() => u.post.findMany({ include: { author: { select: { password: true } } } }));
    await refused(() => u.post.findFirst({ select: { author: { omit: { password: false } } } }));
    await refused(() =>
      u.user.findMany({
        include: { posts: { include: { author: { select: { password: true } } } } },
      }),
    );
  });

  it('refuses filtering, ordering, distinct, groupBy and aggregates by it', async () => {
    const u = enhance(db, { user: { id: 1 } });
    await refused(() => u.user.findMany({ where: { password: 'secret' } }));
    await refused(() => u.user.findMany({ where: { password: { startsWith: 's' } } }));
    await refused(() => u.post.findMany({ where: { author: { password: 'secret' } } }));
    await refused(() => u.user.count({ where: { password: 'secret' } }));
    await refused(() => u.user.findMany({ orderBy: { password: 'asc' } }));
    await refused(() => u.user.findMany({ distinct: ['password'] }));
    await refused(() => u.user.groupBy({ by: ['password'], _count: { _all: true } }));
    await refused(() => u.user.aggregate({ _min: { password: true } }));
    await refused(() => u.user.aggregate({ _max: { password: true } }));
    await refused(() => u.user.aggregate({ _count: { password: true } }));
    await refused(() => u.user.count({ select: { password: true } }));
    await refused(() =>
      u.user.updateMany({ where: { password: 'secret' }, data: { email: 'b@x' } }),
    );
    await refused(() => u.user.deleteMany({ where: { password: 'secret' } }));
    expect((await db.user.findUnique({ where: { id: 1 } })).email).toBe('a@x');
  });

  it('refuses it in what a write returns, and writes nothing then', async () => {
    const u = enhance(db, { user: { id: 1 } });
    await refused(() =>
      u.user.create({ data: { id: 2, email: 'b@x', password: 'p' }, select: { password: true } }),
    );
    await refused(() =>
      u.user.update({ where: { id: 1 }, data: { email: 'c@x' }, omit: { password: false } }),
    );
    expect(await db.user.count()).toBe(1);
    expect((await db.user.findUnique({ where: { id: 1 } })).email).toBe('a@x');
    // Writing the field stays allowed; the result leaves it out.
    expect(await u.user.update({ where: { id: 1 }, data: { password: 'new' } })).toEqual({
      id: 1,
      email: 'a@x',
    });
    await db.user.update({ where: { id: 1 }, data: { password: 'secret' } });
  });

  it('the plain client keeps the per-query override', async () => {
    expect(await db.user.findUnique({ where: { id: 1 }, select: { password: true } })).toEqual({
      password: 'secret',
    });
    expect((await db.user.findFirst({ omit: { password: false } })).password).toBe('secret');
    expect(await db.user.count({ where: { password: 'secret' } })).toBe(1);
  });
});
