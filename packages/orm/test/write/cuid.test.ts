import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchema } from '@warden/language';
import type { SchemaDef } from '@warden/schema';
import { testDialects } from '@warden/test-kit';
import type { TestClient } from '../helpers/setup.js';
import { openDatabase } from '../helpers/setup.js';
import { cuid } from '../../src/write/cuid.js';

// `cuid()` is the fast cuid v1 format (as Prisma's), `cuid(2)` the hashed cuid2.
async function schemaFor(provider: 'sqlite' | 'postgresql'): Promise<SchemaDef> {
  const r = await loadSchema({
    text: `
datasource db {
  provider = "${provider}"
  url = "file:./x.db"
}
model Note {
  id    String @id @default(cuid())
  other String @default(cuid(2))
  posts Page[]
}
model Page {
  id     String @id @default(cuid())
  noteId String
  note   Note   @relation(fields: [noteId], references: [id])
}
`,
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.schema;
}

describe('cuid()', () => {
  it('makes 25-character ids: c, time, counter, fingerprint, random; all distinct', () => {
    const ids = Array.from({ length: 20_000 }, cuid);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 1000)) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    // The time part is the millisecond in base 36; the fingerprint is the same in a process.
    const t = parseInt(ids[0]!.slice(1, 9), 36);
    expect(Math.abs(t - Date.now())).toBeLessThan(60_000);
    expect(new Set(ids.map((id) => id.slice(13, 17))).size).toBe(1);
    // The random part varies in every position.
    for (let i = 17; i < 25; i++) expect(new Set(ids.map((id) => id[i])).size).toBeGreaterThan(30);
  });
});

describe.each(await testDialects())('generated cuids on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  beforeAll(async () => {
    t = await openDatabase(dialect, { ...(await schemaFor(dialect)), provider: dialect });
    db = t.db;
  });
  afterAll(() => t.drop());

  it('cuid() fills v1 ids, cuid(2) cuid2 ids, nested creates too', async () => {
    const note = await db.note.create({
      data: { posts: { create: [{}, {}, {}] } },
      include: { posts: true },
    });
    expect(note.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(note.other).toMatch(/^[a-z][0-9a-z]{23}$/);
    expect(note.other.slice(1, 9)).not.toBe(note.id.slice(1, 9));
    expect(note.posts).toHaveLength(3);
    for (const p of note.posts) expect(p.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(new Set(note.posts.map((p: { id: string }) => p.id)).size).toBe(3);
  });
});
