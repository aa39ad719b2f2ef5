import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { openWriteDb } from './fixtures/setup.js';
import type { WriteDb } from './fixtures/setup.js';

describe.each(await testDialects())('validation rules on %s', (dialect) => {
  let t: WriteDb;
  let db: any;
  beforeAll(async () => {
    t = await openWriteDb(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());

  const rejects = async (run: () => Promise<unknown>, path: string, message: RegExp) => {
    t.clearLog();
    const err: any = await run().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', path });
    expect(err.message).toMatch(message);
    expect(t.log).toEqual([]);
  };

  it('field attributes on create and update', async () => {
    await rejects(
      () => db.user.create({ data: { email: 'not-an-email' } }),
      'data.email',
      /@email/,
    );
    await rejects(
      () => db.user.create({ data: { email: 'a@x.io', name: 'A' } }),
      'data.name',
      /@length\(min: 2, max: 20\)/,
    );
    await rejects(
      () => db.user.create({ data: { email: 'a@x.io', age: -1 } }),
      'data.age',
      /@gte\(0\)/,
    );
    await rejects(() => db.kitchen.create({ data: { website: 'nope' } }), 'data.website', /@url/);
    await rejects(() => db.kitchen.create({ data: { code: 'ABCD' } }), 'data.code', /@regex/);
    await rejects(
      () => db.kitchen.create({ data: { code: 'BCD' } }),
      'data.code',
      /@startsWith\("A"\)/,
    );
    await rejects(() => db.kitchen.create({ data: { file: 'x.doc' } }), 'data.file', /@endsWith/);
    await rejects(() => db.kitchen.create({ data: { score: 0 } }), 'data.score', /@gt\(0\)/);
    await rejects(() => db.kitchen.create({ data: { score: 100 } }), 'data.score', /@lt\(100\)/);
    const k = await db.kitchen.create({
      data: { website: 'https://x.io/a', code: 'ABC', file: 'a.txt', score: 50 },
    });
    expect(k).toMatchObject({ website: 'https://x.io/a', code: 'ABC', score: 50 });
    const u = await db.user.create({ data: { email: 'ok@x.io', name: 'Al' } });
    await rejects(
      () => db.user.update({ where: { id: u.id }, data: { name: 'x'.repeat(21) } }),
      'data.name',
      /@length/,
    );
    await rejects(
      () => db.user.update({ where: { id: u.id }, data: { email: 'bad' } }),
      'data.email',
      /@email/,
    );
    await rejects(
      () => db.user.create({ data: { email: 'p@x.io', posts: { create: { title: '' } } } }),
      'data.posts.create.title',
      /@length\(min: 1\)/,
    );
  });

  it('@@validate rules on create and on the fields an update sets', async () => {
    await rejects(
      () => db.kitchen.create({ data: { low: 11 } }),
      'data',
      /low must not exceed high/,
    );
    const k = await db.kitchen.create({ data: { low: 1, high: 2 } });
    await rejects(
      () => db.kitchen.update({ where: { id: k.id }, data: { low: 5, high: 3 } }),
      'data',
      /low must not exceed high/,
    );
    const ok = await db.kitchen.update({ where: { id: k.id }, data: { low: 2, high: 9 } });
    expect(ok).toMatchObject({ low: 2, high: 9 });
  });
});
