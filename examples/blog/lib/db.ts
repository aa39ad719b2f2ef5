import { join } from 'node:path';
import { createClient } from '@warden/orm';
import { schema } from '../generated/schema';

/** `DATABASE_URL` when set (e.g. `postgres://...`), else the SQLite file `dev.db` beside the app. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || `file:${join(process.cwd(), 'dev.db')}`;
}

function open() {
  return createClient(schema, { url: databaseUrl() });
}

// One client per module instance. In production every Next.js route bundle loads its own copy
// of the ORM, so a client shared through globalThis would be driven by several copies of its
// code at once (on PostgreSQL their prepared-statement names collide). In development the
// global keeps hot reloads from opening a new pool each time.
const holder = globalThis as typeof globalThis & { __blogDb?: ReturnType<typeof open> };

/** The plain client: no access rules. Only the auth code uses it directly. */
export const db = process.env.NODE_ENV === 'production' ? open() : (holder.__blogDb ??= open());
