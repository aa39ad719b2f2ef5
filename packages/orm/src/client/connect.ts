import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type Pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Dialect, LogEvent } from 'kysely';
import { WardenError } from '@warden/schema';
import type { Engine } from '../context.js';
import { WardenSqliteDialect, WardenSqliteDriver } from '../dialect/sqlite/sqlite-driver.js';
import { SideReader } from '../dialect/sqlite/side-reader.js';
import { registerUnicodeCase } from '../dialect/sqlite/unicode-case.js';
import { preparedPool } from '../dialect/postgres/prepared-pool.js';

export type LogLevel = 'query' | 'error';

/** One logged statement. */
export interface QueryLogEvent {
  readonly level: LogLevel;
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly durationMs: number;
  readonly error?: unknown;
}

/** `true` (queries and errors to the console), a list of levels, or your own function. */
export type LogOption = boolean | readonly LogLevel[] | ((event: QueryLogEvent) => void);

export interface ConnectOptions {
  readonly url?: string;
  readonly dialect?: Dialect;
  readonly provider?: 'sqlite' | 'postgresql';
  readonly log?: LogOption;
}

function logger(log: LogOption | undefined): ((e: LogEvent) => void) | undefined {
  if (!log) return undefined;
  const toEvent = (e: LogEvent): QueryLogEvent => ({
    level: e.level,
    sql: e.query.sql,
    params: e.query.parameters,
    durationMs: e.queryDurationMillis,
    ...(e.level === 'error' ? { error: e.error } : {}),
  });
  if (typeof log === 'function') return (e) => log(toEvent(e));
  const levels = new Set<LogLevel>(log === true ? ['query', 'error'] : log);
  return (e) => {
    if (!levels.has(e.level)) return;
    const ev = toEvent(e);
    const line = `[warden] ${ev.sql} -- ${JSON.stringify(ev.params, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))} (${ev.durationMs.toFixed(2)} ms)`;
    if (ev.level === 'error') console.error(line, ev.error);
    else console.log(line);
  };
}

/**
 * `busy_timeout` (ms) from a SQLite URL's query, `file:./dev.db?busy_timeout=10000`: how long a
 * write waits for another writer before failing. 5000 when absent.
 */
export function sqliteBusyTimeout(url: string): number {
  const query = /\?(.*)$/.exec(url)?.[1];
  const raw = query === undefined ? null : new URLSearchParams(query).get('busy_timeout');
  if (raw === null) return 5000;
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(ms)) {
    throw new WardenError(
      'CONFIG',
      `createClient: busy_timeout in the url must be a whole number of milliseconds, got '${raw}'`,
    );
  }
  return ms;
}

/** The SQLite file a `file:` / `:memory:` URL names. */
export function sqlitePath(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  const path = url.replace(/^file:/, '').replace(/\?.*$/, '');
  return resolve(path);
}

const requireDriver = createRequire(import.meta.url);

/**
 * The driver package `name`, loaded on first use: both are optional peer dependencies, so a
 * PostgreSQL app installs no SQLite build and a SQLite app no `pg` (and neither pays the other's
 * load time). `require`, not `import()`, keeps `createClient` synchronous; both are CommonJS.
 */
function loadDriver<T>(name: 'pg' | 'better-sqlite3', url: string): T {
  try {
    // Each name is written out: bundlers (Next.js's Turbopack) resolve only literal requires and
    // fail at run time on `require(name)` ("expression is too dynamic").
    return (name === 'pg' ? requireDriver('pg') : requireDriver('better-sqlite3')) as T;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code !== 'MODULE_NOT_FOUND' || !String((e as Error).message).includes(`'${name}'`)) throw e;
    const kind = name === 'pg' ? 'a PostgreSQL' : 'a SQLite';
    throw new WardenError(
      'CONFIG',
      `createClient: ${kind} url (${url.startsWith('postgres') ? 'postgres://...' : url}) needs the '${name}' package, which is not installed: run \`npm install ${name}\``,
    );
  }
}

export interface Connection {
  readonly kysely: Kysely<any>;
  readonly provider: 'sqlite' | 'postgresql';
  readonly engine: Engine;
  /** SQLite connections we opened carry `warden_lower` (see `registerUnicodeCase`). */
  readonly unicodeCase?: boolean;
}

/** Opens the database an options object names. */
export function connect(
  options: ConnectOptions,
  schemaProvider: 'sqlite' | 'postgresql',
): Connection {
  const log = logger(options.log);
  if (options.dialect) {
    return {
      kysely: new Kysely<any>({ dialect: options.dialect, ...(log ? { log } : {}) }),
      provider: options.provider ?? schemaProvider,
      engine: {},
    };
  }
  const url = options.url;
  if (!url)
    throw new WardenError('CONFIG', 'createClient: options.url or options.dialect is required');
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pg = loadDriver<typeof Pg>('pg', url);
    const prepared = new Map<string, string>();
    const raw = new pg.Pool({ connectionString: url });
    // An idle pooled connection that the server ends (restart, failover, a dropped database)
    // emits 'error' on the pool; unhandled, that would take the whole process down. pg has
    // already discarded the client, and the next query opens a fresh one.
    raw.on('error', () => undefined);
    const pool = preparedPool(raw, prepared);
    return {
      kysely: new Kysely<any>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) }),
      provider: 'postgresql',
      // With logging on, every statement goes through Kysely so that it is logged.
      engine: {
        ...(log ? { prepared } : { prepared, pg: raw }),
        release: async () => {
          if (!raw.ended) await raw.end();
        },
      },
    };
  }
  if (url.startsWith('file:') || url === ':memory:') {
    const path = sqlitePath(url);
    const busyTimeout = sqliteBusyTimeout(url);
    const Database = loadDriver<typeof BetterSqlite3>('better-sqlite3', url);
    const db = new Database(path);
    registerUnicodeCase(db);
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${busyTimeout}`);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    // Reads arriving while a transaction holds `db` run on a second, read-only connection (see
    // WardenSqliteDriver). WAL lets it read beside the writer; a :memory: database cannot be
    // opened twice, so there they wait for the transaction instead.
    const sideReader =
      path === ':memory:'
        ? undefined
        : new SideReader(() => {
            const reader = new Database(path, { readonly: true, fileMustExist: true });
            registerUnicodeCase(reader);
            reader.pragma(`busy_timeout = ${Number(db.pragma('busy_timeout', { simple: true }))}`);
            return reader;
          });
    const driver = new WardenSqliteDriver(db, sideReader);
    return {
      kysely: new Kysely<any>({
        dialect: new WardenSqliteDialect(driver),
        ...(log ? { log } : {}),
      }),
      provider: 'sqlite',
      unicodeCase: true,
      // With logging on, every statement goes through Kysely so that it is logged.
      engine: {
        ...(log ? {} : { sqlite: { driver, statements: driver.statements } }),
        release: () => driver.destroy(),
      },
    };
  }
  throw new WardenError(
    'CONFIG',
    `createClient: unsupported url '${url}' (expected file:..., :memory: or postgres://...)`,
  );
}
