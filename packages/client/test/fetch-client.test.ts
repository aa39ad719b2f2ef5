import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Decimal } from 'decimal.js';
import { startTestApi, testDialects, type TestApi } from '@warden/test-kit';
import { createFetchClient, isWardenError, WardenError } from '../src/index.js';

const kinds = resolve(process.cwd(), 'packages/client/test/fixtures/kinds.zmodel');
const blog = resolve(process.cwd(), 'examples/schemas/blog.zmodel');

describe.each(await testDialects())('fetch client on %s', (dialect) => {
  let kindsApi: TestApi;
  let blogApi: TestApi;
  beforeAll(async () => {
    kindsApi = await startTestApi(dialect, kinds);
    blogApi = await startTestApi(dialect, blog);
    await blogApi.db.user.create({
      data: { id: 'r', email: 'r@x.io', password: 'x', role: 'Reader' },
    });
    await blogApi.db.user.create({
      data: { id: 'w', email: 'w@x.io', password: 'x', role: 'Writer' },
    });
  });
  afterAll(async () => {
    await kindsApi.close();
    await blogApi.close();
  });

  // Schemas loaded at run time are untyped; generated `schema.ts` files give typed clients.
  const as = (user: object | undefined): any =>
    createFetchClient(blogApi.schema, {
      endpoint: blogApi.endpoint,
      headers: (): Record<string, string> => (user ? { 'x-test-user': JSON.stringify(user) } : {}),
    });

  test('BigInt, Decimal, Bytes, DateTime and Json survive the round trip both ways', async () => {
    const api: any = createFetchClient(kindsApi.schema, { endpoint: kindsApi.endpoint });
    const value = {
      big: 9007199254740993n,
      money: new Decimal('12345678901234567890.123456789'),
      bytes: new Uint8Array([0, 1, 2, 254, 255]),
      at: new Date('2024-02-29T12:34:56.789Z'),
      data: { nested: [1, 'two', { three: null }] },
      flag: true,
    };
    const created = await api.sample.create({ data: value });
    const found = await api.sample.findUnique({ where: { id: created.id } });
    for (const row of [created, found]) {
      expect(row.big).toBe(9007199254740993n);
      expect(row.money).toBeInstanceOf(Decimal);
      expect(row.money.toString()).toBe('12345678901234567890.123456789');
      expect([...row.bytes]).toEqual([0, 1, 2, 254, 255]);
      expect(row.at).toEqual(value.at);
      expect(row.data).toEqual(value.data);
      expect(row.label).toBeNull();
    }
    const filtered = await api.sample.findMany({
      where: { big: { gt: 9007199254740992n }, at: { lte: value.at } },
    });
    expect(filtered.map((r: any) => r.id)).toEqual([created.id]);
  });

  test('one object in two places of one call (a Date, an array) is sent as two values', async () => {
    const api: any = createFetchClient(kindsApi.schema, { endpoint: kindsApi.endpoint });
    const at = new Date('2031-01-02T03:04:05.006Z');
    const created = await api.sample.create({
      data: {
        big: 1n,
        money: new Decimal(1),
        bytes: new Uint8Array([1]),
        at,
        data: {},
        flag: false,
      },
    });
    const ids = [created.id];
    const where = { at: { gte: at, lte: at }, id: { in: ids }, NOT: { id: { notIn: ids } } };
    expect((await api.sample.findMany({ where })).map((r: any) => r.id)).toEqual(ids);
    expect(await api.sample.count({ where })).toBe(1);
    const [count] = await api.$transaction([{ model: 'Sample', op: 'count', args: { where } }]);
    expect(count).toBe(1);
  });

  test('every kind of operation goes over its own method', async () => {
    const writer = as({ id: 'w', role: 'Writer' });
    const p = await writer.post.create({ data: { title: 'One', content: 'c', authorId: 'w' } });
    expect(await writer.post.count()).toBe(1);
    expect(await writer.post.exists({ where: { id: p.id } })).toBe(true);
    await writer.post.update({ where: { id: p.id }, data: { status: 'published' } });
    expect((await writer.post.findFirst({ where: { status: 'published' } })).id).toBe(p.id);
    const agg = await writer.post.aggregate({ _count: { _all: true } });
    expect(agg._count._all).toBe(1);
    const [count, deleted] = await writer.$transaction([
      { model: 'Post', op: 'count' },
      { model: 'Post', op: 'deleteMany', args: { where: { id: p.id } } },
    ]);
    expect([count, deleted]).toEqual([1, { count: 1 }]);
    expect(blogApi.requests).toEqual(
      expect.arrayContaining(['post/create', 'post/update', 'post/count', '$transaction']),
    );
  });

  test('check answers without a query, per user', async () => {
    expect(await as({ id: 'r', role: 'Reader' }).post.check({ operation: 'create' })).toBe(false);
    expect(await as({ id: 'w', role: 'Writer' }).post.check({ operation: 'create' })).toBe(true);
    expect(await as(undefined).post.check({ operation: 'read' })).toBe(false);
  });

  test('errors come back as WardenError with code, status and reason', async () => {
    const reader = as({ id: 'r', role: 'Reader' });
    const denied = await reader.post
      .create({ data: { title: 'No', content: 'c', authorId: 'r' } })
      .catch((e: unknown) => e as any);
    expect(isWardenError(denied)).toBe(true);
    expect(denied).toBeInstanceOf(WardenError);
    expect(denied).toMatchObject({
      code: 'REJECTED_BY_POLICY',
      status: 403,
      model: 'Post',
      operation: 'create',
    });
    const invalid = await reader.post
      .findMany({ where: { title: 5 } })
      .catch((e: unknown) => e as any);
    expect(invalid).toMatchObject({ code: 'INVALID_INPUT', status: 422 });
    expect(invalid.path).toContain('title');
    const missing = await reader.post
      .update({ where: { id: 'nope' }, data: { title: 'x' } })
      .catch((e: unknown) => e as any);
    expect(missing).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  test('an unreachable API is an INTERNAL WardenError naming the URL; an abort stays an AbortError', async () => {
    const api: any = createFetchClient(blogApi.schema, {
      endpoint: 'http://127.0.0.1:9/api/model',
    });
    const e = await api.post.findMany().catch((x: unknown) => x as any);
    expect(e).toMatchObject({ code: 'INTERNAL' });
    expect(e.message).toContain('127.0.0.1:9');
    const controller = new AbortController();
    controller.abort();
    const aborted = await as(undefined)
      .post.findMany(undefined, controller.signal)
      .catch((x: unknown) => x as any);
    expect(aborted.name).toBe('AbortError');
  });
});
