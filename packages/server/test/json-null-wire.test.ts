import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AnyNull, DbNull, JsonNull } from '@warden/schema';
import { startTestApi, testDialects, type TestApi } from '@warden/test-kit';
import { wire } from '../src/wire/index.js';

const schemaText = `
datasource db {
  provider = "sqlite"
  url      = "file:./events.db"
}

model Event {
  id      Int   @id
  payload Json?
}
`;

/** Arguments as the fetch client sends them: superjson's JSON, its metadata beside. */
function encode(args: unknown): { json: unknown; meta?: unknown } {
  const { json, meta } = wire.serialize(args);
  return meta ? { json, meta: { serialization: meta } } : { json };
}

describe('the wire format carries the Json null values', () => {
  test('each as its own custom type, revived as the same singleton', () => {
    const args = {
      where: { a: { equals: DbNull }, b: { not: JsonNull }, c: AnyNull },
      data: { d: JsonNull },
    };
    const { json, meta } = wire.serialize(args);
    expect(json).toEqual({
      where: { a: { equals: 'DbNull' }, b: { not: 'JsonNull' }, c: 'AnyNull' },
      data: { d: 'JsonNull' },
    });
    expect(meta?.values).toEqual({
      'where.a.equals': [['custom', 'DbNull']],
      'where.b.not': [['custom', 'JsonNull']],
      'where.c': [['custom', 'AnyNull']],
      'data.d': [['custom', 'JsonNull']],
    });
    const back = wire.deserialize<typeof args>({ json, meta });
    expect(back.where.a.equals).toBe(DbNull);
    expect(back.where.b.not).toBe(JsonNull);
    expect(back.where.c).toBe(AnyNull);
    expect(back.data.d).toBe(JsonNull);
  });

  test('a null value from another copy of the package (same brand) travels the same', () => {
    const brand: unique symbol = Symbol.for('@warden/null-value');
    class CopiedDbNull {
      readonly [brand] = 'DbNull';
    }
    const { json, meta } = wire.serialize({ x: new CopiedDbNull() });
    expect(wire.deserialize<{ x: unknown }>({ json, meta }).x).toBe(DbNull);
  });

  test('the strings alone stay strings', () => {
    const { json, meta } = wire.serialize({ x: 'DbNull' });
    expect(wire.deserialize<{ x: unknown }>({ json, meta }).x).toBe('DbNull');
  });
});

describe.each(await testDialects())('Json nulls over HTTP on %s', (dialect) => {
  let api: TestApi;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-json-null-'));
    const path = join(dir, 'events.zmodel');
    writeFileSync(path, schemaText);
    api = await startTestApi(dialect, path, { policies: false });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function call(op: string, args: unknown): Promise<{ status: number; body: any }> {
    const { json, meta } = encode(args);
    const body = JSON.stringify(meta ? { ...(json as object), meta } : json);
    const res = await fetch(`${api.endpoint}/event/${op}`, {
      method: op.startsWith('update') ? 'PATCH' : 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return { status: res.status, body: await res.json() };
  }

  async function findIds(where: unknown): Promise<number[]> {
    const { json, meta } = encode({ where, orderBy: { id: 'asc' }, select: { id: true } });
    let url = `${api.endpoint}/event/findMany?q=${encodeURIComponent(JSON.stringify(json))}`;
    if (meta) url += `&meta=${encodeURIComponent(JSON.stringify(meta))}`;
    const res = await fetch(url);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body.data.map((r: { id: number }) => r.id);
  }

  test('data and where holding them reach the ORM as the null values', async () => {
    expect((await call('create', { data: { id: 1, payload: DbNull } })).status).toBe(201);
    const created = await call('create', { data: { id: 2, payload: JsonNull } });
    expect(created.status).toBe(201);
    // Results never hold them: both read as null.
    expect(created.body.data).toEqual({ id: 2, payload: null });
    expect(created.body.meta).toBeUndefined();
    expect((await call('create', { data: { id: 3, payload: { a: null } } })).status).toBe(201);
    expect(await findIds({ payload: { equals: DbNull } })).toEqual([1]);
    expect(await findIds({ payload: { equals: JsonNull } })).toEqual([2]);
    expect(await findIds({ payload: { equals: AnyNull } })).toEqual([1, 2]);
    expect(await findIds({ payload: { not: JsonNull } })).toEqual([3]);
    expect(await findIds({ payload: { path: ['a'], equals: JsonNull } })).toEqual([3]);
    const updated = await call('updateMany', {
      where: { payload: { equals: AnyNull } },
      data: { payload: JsonNull },
    });
    expect(updated.body.data).toEqual({ count: 2 });
    expect(await findIds({ payload: JsonNull })).toEqual([1, 2]);
  });

  test('plain null in data is a 422 naming the field', async () => {
    const { status, body } = await call('create', { data: { id: 9, payload: null } });
    expect(status).toBe(422);
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toMatch(/data\.payload: null is ambiguous/);
  });

  test('AnyNull as data is refused by the ORM, not by the wire', async () => {
    const { status, body } = await call('create', { data: { id: 9, payload: AnyNull } });
    expect(status).toBe(422);
    expect(body.error.message).toMatch(/AnyNull only filters/);
  });
});
