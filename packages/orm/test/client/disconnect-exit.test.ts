import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDatabase } from '@warden/test-kit';
import { createClient } from '../../src/index.js';
import { blogSchema } from '../fixtures/blog-schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./scripts/one-query.ts', import.meta.url));

describe.each(await testDialects())('$disconnect() on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const db = createClient(blogSchema, { url: database.url });
    await db.$pushSchema();
    await db.$disconnect();
  });
  afterAll(() => database.drop());

  it('a one-query script exits by itself as soon as it disconnects', () => {
    // The timeout only stops a hung child. Before the fix, pg's pool kept an idle connection
    // and its idle timer, so the script lived on for pg-pool's idle timeout (10 s, a timer:
    // never less) after `$disconnect()`; now nothing is left to wait for. The 9 s bound
    // separates the two without depending on how fast this machine is.
    const child = spawnSync(
      process.execPath,
      ['--conditions=@warden/source', '--import', 'tsx', script, database.url],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.error).toBeUndefined();
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const out = JSON.parse(child.stdout) as { rows: unknown[]; livedOnMs: number };
    expect(out.rows).toEqual([]);
    expect(out.livedOnMs).toBeLessThan(9000);
  }, 70_000);
});
