import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@warden/test-kit';
import { createClient, isWardenError } from '../../src/index.js';
import { blogSchema } from '../fixtures/blog-schema.js';

// SQLite-only: `?busy_timeout=<ms>` in a file: url sets how long a write waits for the one
// writer (another transaction, another process) before it fails.
describe('SQLite url options', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    const setup: any = createClient(blogSchema, { url: t.url });
    await setup.$pushSchema();
    await setup.$disconnect();
  });
  afterAll(() => t.drop());

  it('busy_timeout sets the wait, and a write outside a transaction gives up after it', async () => {
    const db: any = createClient(blogSchema, { url: `${t.url}?busy_timeout=150` });
    try {
      expect(await db.$queryRawUnsafe('pragma busy_timeout')).toEqual([{ timeout: 150 }]);
      const outer = await db.$transaction(async (tx: any) => {
        await tx.tag.create({ data: { name: 'inside' } });
        return db.tag.create({ data: { name: 'outside' } }).catch((e: unknown) => e);
      });
      expect(isWardenError(outer) && outer.code).toBe('CONFLICT');
      expect((outer as Error).message).toMatch(/gave up after 150 ms/);
    } finally {
      await db.$disconnect();
    }
  });

  it('the default is 5000 ms', async () => {
    const db: any = createClient(blogSchema, { url: t.url });
    try {
      expect(await db.$queryRawUnsafe('pragma busy_timeout')).toEqual([{ timeout: 5000 }]);
    } finally {
      await db.$disconnect();
    }
  });

  it('a value that is not a whole number of milliseconds is a CONFIG error naming it', () => {
    for (const bad of ['abc', '-1', '1.5', '']) {
      expect(() => createClient(blogSchema, { url: `${t.url}?busy_timeout=${bad}` })).toThrow(
        expect.objectContaining({
          code: 'CONFIG',
          message: expect.stringContaining(`busy_timeout in the url must be a whole number`),
        }),
      );
    }
  });
});
