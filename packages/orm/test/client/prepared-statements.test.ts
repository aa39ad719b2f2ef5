import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { clientContext } from '../../src/index.js';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';

describe.each(await testDialects())('prepared statements on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  beforeAll(async () => {
    t = await openBlog(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());

  it('reuses one prepared statement per plan and survives a column type change', async () => {
    const ctx = clientContext(db);
    const read = () =>
      db.tag.findMany({ where: { id: { gt: 0 } }, orderBy: { id: 'asc' }, select: { name: true } });
    for (let i = 0; i < 8; i++)
      expect((await read()).map((r: any) => r.name)).toEqual(['news', 'tech', 'life']);
    if (dialect === 'postgresql') {
      expect(ctx.engine.prepared!.size).toBeGreaterThan(0);
      await db.$executeRawUnsafe('alter table "Tag" alter column name type varchar(50)');
    } else {
      await db.$executeRawUnsafe('alter table "Tag" add column extra text');
    }
    expect((await read()).map((r: any) => r.name)).toEqual(['news', 'tech', 'life']);
    expect((await read()).map((r: any) => r.name)).toEqual(['news', 'tech', 'life']);
  });
});
