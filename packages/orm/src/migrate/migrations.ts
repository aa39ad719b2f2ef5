import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { WardenError } from '@warden/schema';
import type { SchemaDef } from '@warden/schema';
import { MIGRATIONS_TABLE } from './db-state.js';
import type { MigrateDialect, SqlDialectName } from './dialect.js';
import { migrateDialect } from './dialects.js';
import { desiredState } from './desired-state.js';
import { diffStates, isEmptyDiff } from './diff.js';
import { migrationTimestamp, readMigrations, readSnapshot } from './migration-files.js';
import type { MigrationFolder } from './migration-files.js';
import { migrationWarnings } from './migration-warnings.js';
import { runStatements, splitEnumAdditions } from './run-sql.js';
import { splitStatements } from './sql-text.js';

export interface MigrateDevOptions {
  /** The migrations folder, e.g. `prisma/migrations`-style `./migrations`. */
  dir: string;
  /** Short name; characters other than letters, digits and `_` become `_`. */
  name: string;
  /** Apply pending migrations (the new one included) to `db` afterwards; default true. */
  apply?: boolean;
}

export interface MigrateDirOptions {
  dir: string;
}

export interface MigrateStatus {
  /** Recorded in `_warden_migrations` and present in `dir`, oldest first. */
  applied: string[];
  /** In `dir`, not applied yet. */
  pending: string[];
  /** Applied, but `migration.sql` changed since (checksum differs). */
  modified: string[];
  /** Recorded as applied but missing from `dir`. */
  missing: string[];
}

/**
 * Writes the next migration: the SQL from the schema of the latest migration (its
 * `schema.json` snapshot) to `schema`, as `<dir>/<yyyyMMddHHmmss>_<name>/migration.sql` plus a
 * new `schema.json`. Diffing snapshot to schema needs no database and no replay, and stays
 * exact as long as migrations are made here; a hand-edited migration.sql is applied as written.
 * Then applies pending migrations to `db` (unless `apply: false`).
 *
 * @example
 * ```ts
 * const file = await migrateDev(db, 'sqlite', schema, { dir: 'migrations', name: 'add_posts' });
 * // 'migrations/20260101120000_add_posts/migration.sql', or null when nothing changed
 * ```
 */
export async function migrateDev(
  db: Kysely<any>,
  dialect: SqlDialectName,
  schema: SchemaDef,
  options: MigrateDevOptions,
): Promise<string | null> {
  const d = migrateDialect(dialect);
  const name =
    typeof options.name === 'string' ? options.name.trim().replace(/[^A-Za-z0-9_]+/g, '_') : '';
  if (name === '' || /^_+$/.test(name)) {
    throw new WardenError('INVALID_INPUT', 'migrateDev: `name` must contain letters or digits');
  }
  const existing = readMigrations(options.dir);
  const last = existing.at(-1);
  const from = last ? desiredState(readSnapshot(last), d) : { tables: [], enums: [] };
  const diff = diffStates(from, desiredState(schema, d), d);
  let file: string | null = null;
  if (!isEmptyDiff(diff)) {
    const statements = d.planStatements(diff);
    if (statements.length > 0) {
      const warnings = migrationWarnings(diff, d.columnConversion);
      const header =
        warnings.length > 0
          ? `-- Warnings:\n${warnings.map((w) => `-- - ${w}`).join('\n')}\n\n`
          : '';
      const folder = join(
        options.dir,
        `${migrationTimestamp(new Date(), last?.name.slice(0, 14))}_${name}`,
      );
      mkdirSync(folder, { recursive: true });
      file = join(folder, 'migration.sql');
      writeFileSync(file, `${header}${statements.map((s) => `${s};`).join('\n\n')}\n`);
      writeFileSync(join(folder, 'schema.json'), `${JSON.stringify(schema, null, 2)}\n`);
    }
  }
  if (options.apply !== false) await migrateDeploy(db, dialect, { dir: options.dir });
  return file;
}

/**
 * Applies pending migrations in order, each in its own transaction together with its
 * `_warden_migrations` record. Refuses to run (`CONFIG`) when an applied migration's file
 * changed since. Returns the names applied; a second run applies nothing.
 *
 * @example
 * ```ts
 * const { applied } = await migrateDeploy(db, 'postgresql', { dir: 'migrations' });
 * ```
 */
export async function migrateDeploy(
  db: Kysely<any>,
  dialect: SqlDialectName,
  options: MigrateDirOptions,
): Promise<{ applied: string[] }> {
  const d = migrateDialect(dialect);
  const files = readMigrations(options.dir);
  await sql`${sql.raw(d.migrationsTableDdl)}`.execute(db);
  const status = compare(files, await recorded(db));
  if (status.modified.length > 0) {
    throw new WardenError(
      'CONFIG',
      `Migration(s) ${status.modified.join(', ')} changed after being applied (checksum differs); ` +
        'restore the original migration.sql, or create a new migration instead',
    );
  }
  const applied: string[] = [];
  for (const m of files.filter((f) => status.pending.includes(f.name))) {
    const fail = (e: unknown): never => {
      throw new WardenError('DB_ERROR', `Migration ${m.name} failed: ${(e as Error).message}`, {
        cause: e,
      });
    };
    const all = splitStatements(m.sql);
    const [enumAdditions, rest] = d.name === 'postgresql' ? splitEnumAdditions(all) : [[], all];
    await runStatements(db, enumAdditions, []).catch(fail);
    await d.runStructural(db, async (trx) => {
      await runStatements(trx, rest, []).catch(fail);
      await trx
        .insertInto(MIGRATIONS_TABLE)
        .values({ name: m.name, checksum: m.checksum, applied_at: new Date().toISOString() })
        .execute();
    });
    applied.push(m.name);
  }
  return { applied };
}

/**
 * Which migrations in `dir` are applied, pending, modified since applied, or recorded but missing.
 *
 * @example
 * ```ts
 * const { pending } = await migrateStatus(db, 'sqlite', { dir: 'migrations' });
 * ```
 */
export async function migrateStatus(
  db: Kysely<any>,
  dialect: SqlDialectName,
  options: MigrateDirOptions,
): Promise<MigrateStatus> {
  const d = migrateDialect(dialect);
  const files = readMigrations(options.dir);
  const rows = (await tableExists(db, d)) ? await recorded(db) : [];
  return compare(files, rows);
}

interface Recorded {
  name: string;
  checksum: string;
}

async function recorded(db: Kysely<any>): Promise<Recorded[]> {
  return (
    await sql<Recorded>`select name, checksum from ${sql.table(MIGRATIONS_TABLE)} order by name`.execute(
      db,
    )
  ).rows;
}

async function tableExists(db: Kysely<any>, d: MigrateDialect): Promise<boolean> {
  const r =
    d.name === 'sqlite'
      ? await sql`select 1 from sqlite_master where type = 'table' and name = ${MIGRATIONS_TABLE}`.execute(
          db,
        )
      : await sql`select 1 from pg_tables where schemaname = current_schema() and tablename = ${MIGRATIONS_TABLE}`.execute(
          db,
        );
  return r.rows.length > 0;
}

function compare(files: readonly MigrationFolder[], rows: readonly Recorded[]): MigrateStatus {
  const byName = new Map(rows.map((r) => [r.name, r.checksum]));
  const names = new Set(files.map((f) => f.name));
  return {
    applied: files.filter((f) => byName.has(f.name)).map((f) => f.name),
    pending: files.filter((f) => !byName.has(f.name)).map((f) => f.name),
    modified: files
      .filter((f) => byName.has(f.name) && byName.get(f.name) !== f.checksum)
      .map((f) => f.name),
    missing: rows.filter((r) => !names.has(r.name)).map((r) => r.name),
  };
}
