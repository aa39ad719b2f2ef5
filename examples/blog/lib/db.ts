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

// One client (one pool, one plan cache) per server process, also across dev-mode reloads.
const holder = globalThis as typeof globalThis & { __blogDb?: ReturnType<typeof open> };

/** The plain client: no access rules. Only the auth code uses it directly. */
export const db = (holder.__blogDb ??= open());
