import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { q, seedBlog, startApi, type ApiFixture } from './api-fixture.js';
import { wire } from '../src/index.js';

describe.each(await testDialects())('RPC handler on %s', (dialect) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await startApi(dialect, { openapi: true });
    await seedBlog(api.db, dialect);
  });
  afterAll(() => api.close());

  test('findMany answers { data } with superjson metadata for dates', async () => {
    const res = await fetch(
      `${api.endpoint}/post/findMany?${q({ where: { status: 'published' }, orderBy: { title: 'asc' } })}`,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data.map((p: any) => p.id)).toEqual(['p1', 'p3']);
    const rows = wire.deserialize({ json: body.data, meta: body.meta.serialization }) as any[];
    expect(rows[0].createdAt).toBeInstanceOf(Date);
  });

  test('the model accepts its schema name and its lower-camel form', async () => {
    const a = await (await fetch(`${api.endpoint}/Post/count`)).json();
    const b = await (await fetch(`${api.endpoint}/post/count`)).json();
    expect(a).toEqual({ data: 3 });
    expect(b).toEqual({ data: 3 });
  });

  test('findUnique of a missing row is null; findUniqueOrThrow is a 404', async () => {
    const a = await fetch(`${api.endpoint}/post/findUnique?${q({ where: { id: 'nope' } })}`);
    expect(await a.json()).toEqual({ data: null });
    const b = await fetch(`${api.endpoint}/post/findUniqueOrThrow?${q({ where: { id: 'nope' } })}`);
    expect(b.status).toBe(404);
    expect((await b.json()).error.code).toBe('NOT_FOUND');
  });

  test('arguments that do not fit the schema are a 422 naming the path', async () => {
    const res = await fetch(`${api.endpoint}/post/findMany?${q({ where: { title: 42 } })}`);
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('title');
  });

  test('unknown model and operation are 400s, wrong method 405 with Allow', async () => {
    const m = await fetch(`${api.endpoint}/nope/findMany`);
    expect(m.status).toBe(400);
    expect((await m.json()).error).toMatchObject({ code: 'UNKNOWN_MODEL' });
    const o = await fetch(`${api.endpoint}/post/explode`);
    expect(o.status).toBe(400);
    expect((await o.json()).error).toMatchObject({ code: 'UNKNOWN_OPERATION' });
    const w = await fetch(`${api.endpoint}/post/findMany`, { method: 'POST', body: '{}' });
    expect(w.status).toBe(405);
    expect(w.headers.get('allow')).toBe('GET');
  });

  test('a server fault is a 500 carrying only an error id, and it is logged', async () => {
    const faulty = await startApi(dialect, {
      getClient: () => {
        throw new Error('secret internals: connection string postgres://...');
      },
    });
    try {
      const res = await fetch(`${faulty.endpoint}/post/findMany`);
      expect(res.status).toBe(500);
      const { error } = await res.json();
      expect(error.code).toBe('INTERNAL');
      expect(error.errorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(error)).not.toContain('secret');
      expect(faulty.serverFaults).toHaveLength(1);
    } finally {
      await faulty.close();
    }
  });

  test('an operation the client does not offer is a 400, not a server fault', async () => {
    // A real client whose post delegate an app narrowed to findMany.
    const narrowed = await startApi(dialect, {
      getClient: () =>
        Object.create(api.db, {
          post: { value: { findMany: (a: unknown) => api.db.post.findMany(a) } },
        }),
    });
    try {
      const ok = await fetch(`${narrowed.endpoint}/post/findMany`);
      expect(ok.status).toBe(200);
      const res = await fetch(`${narrowed.endpoint}/post/count`);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'UNKNOWN_OPERATION' });
      expect(narrowed.serverFaults).toEqual([]);
    } finally {
      await narrowed.close();
    }
  });

  test('the OpenAPI document lists every model operation', async () => {
    const res = await fetch(`${api.endpoint}/openapi.json`);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/model/post/findMany'].get.operationId).toBe('post_findMany');
    expect(doc.paths['/api/model/user/create'].post).toBeDefined();
    expect(doc.components.schemas.Post.properties.title).toEqual({ type: 'string' });
    expect(doc.components.schemas.User.required).not.toContain('password');
  });
});
