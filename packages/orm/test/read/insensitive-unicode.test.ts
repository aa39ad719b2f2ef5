import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import type { TestClient } from '../helpers/setup.js';
import { openDatabase } from '../helpers/setup.js';
import { blogSchema } from '../fixtures/blog-schema.js';

// mode: 'insensitive' folds every letter, not only ASCII: SQLite's own lower() and LIKE do
// not (without ICU), so our SQLite connections fold with JavaScript's toLowerCase.
describe.each(await testDialects())('case-insensitive filters beyond ASCII on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  beforeAll(async () => {
    t = await openDatabase(dialect, blogSchema);
    db = t.db;
    const names = ['École Normale', 'ПРИВЕТ мир', 'Ökonomie', 'plain ascii', 'ÉCOLE'];
    for (const [i, name] of names.entries()) {
      await db.user.create({ data: { email: `u${i}@x.io`, name } });
    }
  });
  afterAll(() => t.drop());

  const names = async (where: object) =>
    (await db.user.findMany({ where, orderBy: { id: 'asc' }, select: { name: true } })).map(
      (u: any) => u.name,
    );

  it('equals, in and not fold accented and Cyrillic letters', async () => {
    expect(await names({ name: { equals: 'école', mode: 'insensitive' } })).toEqual(['ÉCOLE']);
    expect(await names({ name: { in: ['привет МИР', 'ökonomie'], mode: 'insensitive' } })).toEqual([
      'ПРИВЕТ мир',
      'Ökonomie',
    ]);
    expect(
      await names({
        name: { not: { equals: 'ÉCOLE' }, mode: 'insensitive' },
        email: { startsWith: 'u4' },
      }),
    ).toEqual([]);
    // Without the mode, case matters.
    expect(await names({ name: { equals: 'école' } })).toEqual([]);
  });

  it('contains, startsWith and endsWith fold too, and still treat % and _ literally', async () => {
    expect(await names({ name: { contains: 'école', mode: 'insensitive' } })).toEqual([
      'École Normale',
      'ÉCOLE',
    ]);
    expect(await names({ name: { startsWith: 'привет', mode: 'insensitive' } })).toEqual([
      'ПРИВЕТ мир',
    ]);
    expect(await names({ name: { endsWith: 'МИР', mode: 'insensitive' } })).toEqual(['ПРИВЕТ мир']);
    expect(await names({ name: { contains: 'É%', mode: 'insensitive' } })).toEqual([]);
    expect(await names({ name: { contains: 'école' } })).toEqual([]);
  });

  it('orderings compare folded values', async () => {
    expect(await names({ name: { gte: 'école', lt: 'écolf', mode: 'insensitive' } })).toEqual([
      'École Normale',
      'ÉCOLE',
    ]);
  });
});
