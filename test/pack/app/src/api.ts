// An Express server with the RPC middleware, answering the fetch client. The user comes from a
// header (a real app reads its session). Prints what the client got as one JSON line.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createFetchClient, isWardenError, WardenError } from '@warden/client';
import { createClient } from '@warden/orm';
import { enhance } from '@warden/policy';
import { createExpressMiddleware } from '@warden/server';
import { schema } from '../generated/schema.js';

const db = createClient(schema, { url: process.env.DATABASE_URL! });
const app = express();
app.use(
  '/api/model',
  createExpressMiddleware({
    schema,
    getClient: async (request) => {
      const id = request.headers.get('x-user-id');
      return enhance(db, id ? { user: { id, role: 'Writer' } } : {});
    },
  }),
);
const server = app.listen(0, '127.0.0.1');
await new Promise((done) => server.once('listening', done));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/model`;

const writer = await db.user.findUniqueOrThrow({ where: { email: 'writer@example.com' } });
const anonymous = createFetchClient(schema, { endpoint });
const asWriter = createFetchClient(schema, { endpoint, headers: { 'x-user-id': writer.id } });

const created = await asWriter.post.create({ data: { title: 'Over HTTP', authorId: writer.id } });
const error = await anonymous.post
  .create({ data: { title: 'Nope', authorId: writer.id } })
  .catch((e: unknown) => e);
const result = {
  created: created.title,
  anonymousCount: await anonymous.post.count(),
  writerCount: await asWriter.post.count(),
  errorIsWardenError: error instanceof WardenError && isWardenError(error),
  errorCode: isWardenError(error) ? error.code : null,
  errorStatus: isWardenError(error) ? error.status : null,
};
console.log(JSON.stringify(result));
server.close();
await db.$disconnect();
