import { testDialects } from '@warden/test-kit';
import { describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// `db.post.check(...)` is asynchronous like every other operation: bad input is a rejected
// promise with a WardenError naming what is wrong, never an exception thrown at the call.
const text = `
model User {
  id    Int    @id
  posts Post[]
  @@allow('all', true)
}

model Post {
  id        Int     @id
  views     Int
  published Boolean
  author    User    @relation(fields: [authorId], references: [id])
  authorId  Int
  @@allow('read', published && views > 10)
  @@allow('update', author == auth())
}
`;

describe.each(await testDialects())('check() rejects bad input on %s', (dialect) => {
  let db: any;
  ormTestDb(dialect, text, (opened) => (db = opened));
  const post = () => enhance(db, { user: { id: 1 } }).post;

  /** Calls `check` and returns its promise, failing the test if the call itself throws. */
  const checkOf = (args: unknown): Promise<unknown> => {
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = post().check(args);
    }).not.toThrow();
    return result!;
  };

  it('a where value of the wrong type', async () => {
    await expect(checkOf({ operation: 'read', where: { views: 'many' } })).rejects.toMatchObject({
      name: 'WardenError',
      code: 'INVALID_INPUT',
      model: 'Post',
      path: 'where.views',
    });
  });

  it('an unknown field in where, and an unknown field to check', async () => {
    await expect(checkOf({ operation: 'read', where: { nope: 1 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      path: 'where.nope',
      message: expect.stringContaining("unknown field 'nope'"),
    });
    await expect(checkOf({ operation: 'read', field: 'nope' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      path: 'field',
    });
  });

  it("an operation that is not one of create / read / update / delete ('all' included)", async () => {
    for (const operation of ['all', 'upsert', undefined]) {
      await expect(checkOf({ operation })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        path: 'operation',
      });
    }
    await expect(checkOf(undefined)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('filters in where are understood, not only plain values', async () => {
    await expect(checkOf({ operation: 'read', where: { views: { gt: 5 } } })).resolves.toBe(true);
    await expect(checkOf({ operation: 'read', where: { views: { lte: 10 } } })).resolves.toBe(
      false,
    );
    await expect(
      checkOf({ operation: 'read', where: { OR: [{ published: false }, { views: { lt: 3 } }] } }),
    ).resolves.toBe(false);
    await expect(
      checkOf({ operation: 'update', where: { author: { id: { in: [2, 3] } } } }),
    ).resolves.toBe(false);
    await expect(checkOf({ operation: 'update', where: { authorId: 1 } })).resolves.toBe(true);
  });
});
