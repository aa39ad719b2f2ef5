import type * as LanguageModule from '@warden/language';
import type * as PolicyModule from '@warden/policy';
import type { DatabaseProvider, SchemaDef } from '@warden/schema';
import { CliError } from './cli-error.js';

export type LanguageApi = typeof LanguageModule;
export type { Diagnostic } from '@warden/language';
export type PolicyApi = typeof PolicyModule;

/**
 * Loaded on first use, so `warden check` never pays for database drivers, and a package that
 * is missing or incomplete fails the one command that needs it with a message instead of the
 * whole CLI failing to start.
 */
export function language(
  needed: readonly (keyof LanguageApi)[] = ['loadSchema', 'formatDiagnostic'],
): Promise<LanguageApi> {
  return importPackage('@warden/language', () => import('@warden/language'), needed);
}

export function policy(): Promise<PolicyApi> {
  return importPackage('@warden/policy', () => import('@warden/policy'), ['createChecker']);
}

/** The part of a `@warden/orm` client the database commands use. */
export interface OrmClient {
  /** The client's Kysely instance, handed to the migration functions. */
  readonly $qb: unknown;
  $pushSchema(options: { acceptDataLoss?: boolean }): Promise<{
    applied: string[];
    warnings: string[];
  }>;
  $disconnect(): Promise<void>;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  modified: string[];
  missing: string[];
}

/**
 * What the CLI needs from `@warden/orm`. Declared here rather than taken from the package
 * because the migration functions are not exported from its entry point yet.
 */
export interface OrmApi {
  createClient(schema: SchemaDef, options: { url: string }): OrmClient;
  migrateDev(
    db: unknown,
    dialect: DatabaseProvider,
    schema: SchemaDef,
    options: { dir: string; name: string },
  ): Promise<string | null>;
  migrateDeploy(
    db: unknown,
    dialect: DatabaseProvider,
    options: { dir: string },
  ): Promise<{ applied: string[] }>;
  migrateStatus(
    db: unknown,
    dialect: DatabaseProvider,
    options: { dir: string },
  ): Promise<MigrationStatus>;
}

export function orm(needed: readonly (keyof OrmApi)[] = ['createClient']): Promise<OrmApi> {
  const specifier: string = '@warden/orm';
  return importPackage<OrmApi>(specifier, () => import(specifier) as Promise<OrmApi>, needed);
}

async function importPackage<T>(
  specifier: string,
  load: () => Promise<T>,
  needed: readonly (keyof T & string)[],
): Promise<T> {
  let module: T;
  try {
    module = await load();
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new CliError(`${specifier} is not available yet (${reason})`);
  }
  const missing = needed.filter((name) => typeof module[name] !== 'function');
  if (missing.length > 0) {
    throw new CliError(
      `${specifier} is not available yet: it does not export ${missing.join(', ')}`,
    );
  }
  return module;
}
