import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDialects } from '@warden/test-kit';
import {
  createExpressMiddleware,
  createHonoHandler,
  createNodeHandler,
  NextRequestHandler,
  sendResponse,
  toRequest,
  type RpcHandlerOptions,
} from '../src/index.js';
import { q, seedBlog, startApi, type ApiFixture } from './api-fixture.js';

type Listen = (options: RpcHandlerOptions) => Promise<{ base: string; close: () => Promise<void> }>;

async function listen(server: Server): Promise<{ base: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every adapter, each behind a real server on 127.0.0.1. */
const adapters: Record<string, Listen> = {
  'node:http': (options) => listen(createServer(createNodeHandler(options))),
  express: (options) => {
    const app = express();
    app.use('/api/model', createExpressMiddleware(options));
    return listen(createServer(app));
  },
  'express with express.json()': (options) => {
    const app = express();
    app.use(express.json());
    app.use('/api/model', createExpressMiddleware(options));
    return listen(createServer(app));
  },
  hono: async (options) => {
    const app = new Hono();
    app.all('/api/model/*', createHonoHandler(options));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      base: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  },
  'next app router': (options) => {
    const handler = NextRequestHandler({ ...options, useAppDir: true });
    // What Next.js does for a route file: hand the route's exported function a Fetch Request.
    return listen(
      createServer(async (req, res) => sendResponse(res, await handler(toRequest(req)))),
    );
  },
  'next pages router': (options) => {
    const handler = NextRequestHandler({ ...options, useAppDir: false });
    // The Pages Router parses JSON bodies before the API route runs.
    return listen(
      createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = undefined;
        if (text) {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
        await handler(Object.assign(req, { body }), res);
      }),
    );
  },
};

describe.each(await testDialects())('adapters on %s', (dialect) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await startApi(dialect);
    await seedBlog(api.db, dialect);
  });
  afterAll(() => api.close());

  describe.each(Object.keys(adapters))('%s', (name) => {
    let server: { base: string; close: () => Promise<void> };
    beforeAll(async () => {
      server = await adapters[name]!({ schema: api.schema, getClient: () => api.db });
    });
    afterAll(() => server.close());

    test('GET findMany with q', async () => {
      const res = await fetch(
        `${server.base}/api/model/post/findMany?${q({ where: { status: 'draft' } })}`,
      );
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.data.map((p: any) => p.id)).toEqual(['p2']);
    });

    test('GET count without arguments', async () => {
      const res = await fetch(`${server.base}/api/model/Post/count`);
      expect(await res.json()).toEqual({ data: 3 });
    });

    test('malformed JSON body is a 400 naming the body', async () => {
      const res = await fetch(`${server.base}/api/model/post/create`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{"data":',
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toContain('body');
    });

    test('unknown model is a 400', async () => {
      const res = await fetch(`${server.base}/api/model/nope/findMany`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('UNKNOWN_MODEL');
    });

    test('wrong method is a 405', async () => {
      const res = await fetch(`${server.base}/api/model/post/findMany`, { method: 'DELETE' });
      expect(res.status).toBe(405);
    });

    test('a JSON body reaches the operation (transaction of reads)', async () => {
      const res = await fetch(`${server.base}/api/model/$transaction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          { model: 'post', op: 'count' },
          {
            model: 'User',
            op: 'findUnique',
            args: { where: { id: 'u1' }, select: { name: true } },
          },
        ]),
      });
      expect(res.status).toBe(200);
      expect((await res.json()).data).toEqual([3, { name: 'Reading Rita' }]);
    });
  });
});
