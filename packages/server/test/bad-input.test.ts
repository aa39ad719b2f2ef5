import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { seedBlog, startApi, type ApiFixture } from './api-fixture.js';
import { badRequests } from './bad-input-cases.js';

const cases = badRequests();

test('the bad-input suite has at least 300 requests', () => {
  expect(cases.length).toBeGreaterThanOrEqual(300);
  expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
});

describe.each(await testDialects())('bad input on %s', (dialect) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await startApi(dialect);
    await seedBlog(api.db, dialect);
  });
  afterAll(() => api.close());

  test.each(cases.map((c) => [c.name, c] as const))(
    '%s -> 4xx naming the problem',
    async (_name, c) => {
      const res = await fetch(`${api.endpoint}${c.path}`, {
        method: c.method,
        headers: c.headers,
        body: c.stream ? streamOf(c.stream) : (c.body as BodyInit | undefined),
        ...(c.stream && { duplex: 'half' }),
      } as RequestInit);
      const text = await res.text();
      expect(res.status, text).toBeGreaterThanOrEqual(400);
      expect(res.status, text).toBeLessThan(500);
      const body = JSON.parse(text);
      expect(typeof body.error.code).toBe('string');
      expect(body.error.message.length).toBeGreaterThan(5);
      expect(text).not.toMatch(/\n\s+at /);
    },
  );

  test('afterwards the server still serves, nothing was written, nothing faulted', async () => {
    const res = await fetch(`${api.endpoint}/post/count`);
    expect(await res.json()).toEqual({ data: 3 });
    expect(await api.db.user.count()).toBe(2);
    expect(api.serverFaults).toEqual([]);
    expect(({} as any).polluted).toBeUndefined();
  });
});

function streamOf(size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  const chunk = new TextEncoder().encode('{"data":{"title":"' + 'x'.repeat(64 * 1024));
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}
