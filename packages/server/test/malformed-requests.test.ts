import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Hono } from 'hono';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDialects } from '@warden/test-kit';
import {
  createExpressMiddleware,
  createHonoHandler,
  createNodeHandler,
  honoRequestErrorHandler,
  NextRequestHandler,
  type RpcHandlerOptions,
} from '../src/index.js';
import { seedBlog, startApi, type ApiFixture } from './api-fixture.js';
import { abortMidBody, rawRequest } from './raw-socket.js';

/**
 * Requests Node's HTTP parser accepts but a Fetch `Request` cannot hold. Each once ended the
 * process (node adapter) or answered an HTML stack trace (Express); every adapter must answer
 * a 4xx JSON error and go on serving.
 */
const malformed: Record<string, string> = {
  'TRACE method': 'TRACE /api/model/post/count HTTP/1.1',
  'absolute target with port 99999': 'GET http://x:99999/api/model/post/count HTTP/1.1',
  'absolute target with a broken IPv6 host': 'GET http://[::1/api/model/post/count HTTP/1.1',
  'absolute target with a space-free garbage host': 'GET http://%zz/api/model/post/count HTTP/1.1',
};

type Listen = (options: RpcHandlerOptions) => Server;

/**
 * Targets Express's own router cannot parse a path from: they never reach the middleware, and
 * Express answers them with the app's final handler (its default is a 404 HTML page). Still a
 * 4xx, still serving after; an app that wants JSON there sets its own final handler.
 */
const expressNeverRoutes = new Set([
  'absolute target with a broken IPv6 host',
  'absolute target with a space-free garbage host',
]);
const neverRoutes: Record<string, Set<string>> = {
  express: expressNeverRoutes,
  'express with express.json()': expressNeverRoutes,
};

/** Every adapter that sees raw Node requests, behind a real server (the App Router gets a Request from Next). */
const adapters: Record<string, Listen> = {
  'node:http': (options) => createServer(createNodeHandler(options)),
  express: (options) => {
    const app = express();
    app.use('/api/model', createExpressMiddleware(options));
    return createServer(app);
  },
  'express with express.json()': (options) => {
    const app = express();
    app.use(express.json());
    app.use('/api/model', createExpressMiddleware(options));
    return createServer(app);
  },
  hono: (options) => {
    const app = new Hono();
    app.all('/api/model/*', createHonoHandler(options));
    return createServer(getRequestListener(app.fetch, { errorHandler: honoRequestErrorHandler }));
  },
  'next pages router': (options) => {
    const handler = NextRequestHandler({ ...options, useAppDir: false });
    // What Next does before a Pages API route: read the body, parse JSON, answer 400 itself
    // when the client leaves mid-body.
    return createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('error', () => res.destroy());
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text || undefined;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // left as text, as Next does
        }
        void handler(Object.assign(req, { body }), res);
      });
    });
  },
};

describe.each(await testDialects())('malformed requests on %s', (dialect) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await startApi(dialect);
    await seedBlog(api.db, dialect);
  });
  afterAll(() => api.close());

  describe.each(Object.keys(adapters))('%s', (name) => {
    let server: Server;
    let port: number;
    const faults: unknown[] = [];
    beforeAll(async () => {
      server = adapters[name]!({
        schema: api.schema,
        getClient: () => api.db,
        logError: (_id, error) => faults.push(error),
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    test.each(Object.entries(malformed))('%s -> 4xx JSON, then serves on', async (what, line) => {
      const answer = await rawRequest(port, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(answer.status, answer.body).toBeGreaterThanOrEqual(400);
      expect(answer.status, answer.body).toBeLessThan(500);
      if (!neverRoutes[name]?.has(what)) {
        expect(answer.headers['content-type']).toMatch(/^application\/json/);
        const { error } = JSON.parse(answer.body);
        expect(error.code).toMatch(/^[A-Z_]+$/);
        expect(error.message.length).toBeGreaterThan(10);
      }
      const after = await rawRequest(
        port,
        'GET /api/model/post/count HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      );
      expect(after.status).toBe(200);
      expect(JSON.parse(after.body)).toEqual({ data: 3 });
      expect(faults).toEqual([]);
    });

    test('a client that leaves mid-body is no server fault, and nothing is written', async () => {
      await abortMidBody(port, '/api/model/post/create', 1000, 40);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const after = await rawRequest(
        port,
        'GET /api/model/post/count HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      );
      expect(JSON.parse(after.body)).toEqual({ data: 3 });
      expect(faults).toEqual([]);
    });
  });
});
