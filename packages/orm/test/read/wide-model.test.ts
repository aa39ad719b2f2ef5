import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchema } from '@warden/language';
import { testDialects, type TestDialect } from '@warden/test-kit';
import { openDatabase, type TestClient } from '../helpers/setup.js';

// Nested relations come back as JSON objects built in SQL; SQLite takes at most 500 key/value
// pairs per json_object call and PostgreSQL 50 per json_build_object, so wide models are built
// in parts. 520 fields cross both limits.
const WIDTH = 520;

async function wideSchema(provider: TestDialect) {
  const cols = Array.from({ length: WIDTH }, (_, i) => `  f${i} Int?`).join('\n');
  const r = await loadSchema({
    text: `datasource db {
  provider = "${provider}"
  url = "file:./x.db"
}
model Owner {
  id    Int    @id
  wides Wide[]
}
model Wide {
  id      Int    @id
  owner   Owner  @relation(fields: [ownerId], references: [id])
  ownerId Int
${cols}
}`,
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.schema;
}

describe.each(await testDialects())('a %s model wider than one JSON call', (dialect) => {
  let t: TestClient;
  beforeAll(async () => {
    t = await openDatabase(dialect, await wideSchema(dialect));
    await t.db.owner.create({ data: { id: 1 } });
    const data: Record<string, unknown> = { id: 7, ownerId: 1 };
    for (let i = 0; i < WIDTH; i++) if (i % 3 !== 0) data[`f${i}`] = i;
    await t.db.wide.create({ data });
  });
  afterAll(() => t.drop());

  it('returns every field of an included row, nulls and values in place', async () => {
    const owner = await t.db.owner.findUnique({ where: { id: 1 }, include: { wides: true } });
    const row = owner.wides[0];
    expect(Object.keys(row)).toHaveLength(WIDTH + 2);
    for (let i = 0; i < WIDTH; i++) expect(row[`f${i}`], `f${i}`).toBe(i % 3 === 0 ? null : i);
    expect(row.id).toBe(7);
  });

  it('returns them through a to-one include as well', async () => {
    const wide = await t.db.wide.findUnique({ where: { id: 7 }, include: { owner: true } });
    expect(wide.owner).toEqual({ id: 1 });
    expect(wide.f518).toBe(518);
  });
});
