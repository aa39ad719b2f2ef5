import { hashPassword, prehashedPassword, verifyPassword } from '@warden/orm';
import { testDialects } from '@warden/test-kit';
import { describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// `@password` hashes every written value (nested writes, createMany, upsert) with scrypt
// before storage, on the plain and on the enhanced client; low cost keeps the test quick.
const text = `
model User {
  id       Int     @id
  email    String  @unique
  password String  @password(cost: 1024, blockSize: 8, parallelism: 1) @omit
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

const FORMAT = /^\$scrypt\$N=1024,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;

describe.each(await testDialects())('@password on %s', (dialect) => {
  let db: any;
  ormTestDb(dialect, text, async (opened) => {
    db = opened;
  });
  const stored = async (id: number): Promise<string> =>
    (await db.user.findUnique({ where: { id }, select: { password: true } })).password;

  it('stores a salted scrypt hash, never the input, and verify checks it', async () => {
    const user = await db.user.create({ data: { id: 1, email: 'a@x', password: 'pw-1' } });
    expect(user).toEqual({ id: 1, email: 'a@x' });
    const h = await stored(1);
    expect(h).not.toBe('pw-1');
    expect(h).toMatch(FORMAT);
    expect(await verifyPassword('pw-1', h)).toBe(true);
    expect(await verifyPassword('pw-2', h)).toBe(false);
    expect(await verifyPassword('pw-1', 'pw-1')).toBe(false);
    const again = await hashPassword('pw-1');
    expect(again).not.toBe(await hashPassword('pw-1')); // salted
    expect(await verifyPassword('pw-1', again)).toBe(true);
  });

  it('hashes on update and upsert; an update that leaves it alone keeps the hash', async () => {
    const before = await stored(1);
    await db.user.update({ where: { id: 1 }, data: { email: 'b@x' } });
    expect(await stored(1)).toBe(before);
    await db.user.update({ where: { id: 1 }, data: { password: 'pw-3' } });
    expect(await verifyPassword('pw-3', await stored(1))).toBe(true);
    await db.user.update({ where: { id: 1 }, data: { password: { set: 'pw-4' } } });
    expect(await verifyPassword('pw-4', await stored(1))).toBe(true);
    await db.user.upsert({
      where: { id: 2 },
      create: { id: 2, email: 'c@x', password: 'pw-c' },
      update: {},
    });
    expect(await verifyPassword('pw-c', await stored(2))).toBe(true);
    await db.user.upsert({
      where: { id: 2 },
      create: { id: 2, email: 'c@x', password: 'x' },
      update: { password: 'pw-u' },
    });
    expect(await verifyPassword('pw-u', await stored(2))).toBe(true);
  });

  it('hashes in createMany and nested writes', async () => {
    await db.user.createMany({
      data: [
        { id: 3, email: 'd@x', password: 'pw-d' },
        { id: 4, email: 'e@x', password: 'pw-e' },
      ],
    });
    expect(await verifyPassword('pw-d', await stored(3))).toBe(true);
    expect(await verifyPassword('pw-e', await stored(4))).toBe(true);
    await db.post.create({
      data: { id: 1, title: 't', author: { create: { id: 5, email: 'f@x', password: 'pw-f' } } },
    });
    expect(await verifyPassword('pw-f', await stored(5))).toBe(true);
    await db.post.update({
      where: { id: 1 },
      data: { author: { update: { password: 'pw-f2' } } },
    });
    expect(await verifyPassword('pw-f2', await stored(5))).toBe(true);
    await db.post.create({
      data: {
        id: 2,
        title: 't',
        author: {
          connectOrCreate: { where: { id: 6 }, create: { id: 6, email: 'g@x', password: 'pw-g' } },
        },
      },
    });
    expect(await verifyPassword('pw-g', await stored(6))).toBe(true);
    await db.post.update({
      where: { id: 2 },
      data: {
        author: {
          upsert: { create: { id: 6, email: 'g@x', password: 'x' }, update: { password: 'pw-g2' } },
        },
      },
    });
    expect(await verifyPassword('pw-g2', await stored(6))).toBe(true);
    await db.user.update({
      where: { id: 5 },
      data: { posts: { create: { id: 3, title: 'u' } } },
    });
    expect(await verifyPassword('pw-f2', await stored(5))).toBe(true);
  });

  it('hashes on the enhanced client too', async () => {
    const u = enhance(db, { user: { id: 1 } });
    await u.user.create({ data: { id: 7, email: 'h@x', password: 'pw-h' } });
    expect(await verifyPassword('pw-h', await stored(7))).toBe(true);
    await u.user.update({ where: { id: 7 }, data: { password: 'pw-h2' } });
    expect(await verifyPassword('pw-h2', await stored(7))).toBe(true);
    await u.post.create({
      data: { id: 4, title: 't', author: { create: { id: 8, email: 'i@x', password: 'pw-i' } } },
    });
    expect(await verifyPassword('pw-i', await stored(8))).toBe(true);
  });

  it('hashes a value that looks like a hash again, unless the caller opts in', async () => {
    const h = await hashPassword('pw-old');
    await db.user.create({ data: { id: 9, email: 'j@x', password: h } });
    expect(await stored(9)).not.toBe(h);
    expect(await verifyPassword(h, await stored(9))).toBe(true);
    await db.user.update({ where: { id: 9 }, data: { password: prehashedPassword(h) } });
    expect(await stored(9)).toBe(h);
    expect(await verifyPassword('pw-old', await stored(9))).toBe(true);
    await expect(
      db.user.update({ where: { id: 9 }, data: { password: prehashedPassword('plain') } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await stored(9)).toBe(h);
  });
});
