import type { DatabaseProvider, SchemaDef } from '@warden/schema';
import { CliError } from './cli-error.js';

/** A problem in a schema, as `@warden/language` reports it (1-based positions). */
export interface Diagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

type Failed = { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The part of `@warden/language` the CLI uses. */
export interface LanguageApi {
  loadSchema(
    input: { path: string } | { text: string; path?: string },
  ): Promise<{ ok: true; schema: SchemaDef; warnings: readonly Diagnostic[] } | Failed>;
  formatDiagnostic(d: Diagnostic, options: { color?: boolean; source?: string }): string;
  formatSchema(text: string, path?: string): { ok: true; text: string } | Failed;
  importPrismaSchema(
    text: string,
    path?: string,
  ): { ok: true; text: string; warnings: readonly Diagnostic[] } | Failed;
}

/**
 * Loaded on first use, so `warden check` never pays for database drivers and a command whose
 * package is missing fails with a message instead of the whole CLI failing to start.
 */
export function language(
  needed: readonly (keyof LanguageApi)[] = ['loadSchema', 'formatDiagnostic'],
): Promise<LanguageApi> {
  return importPackage<LanguageApi>('@warden/language', needed);
}

async function importPackage<T>(specifier: string, needed: readonly string[]): Promise<T> {
  let module: Record<string, unknown>;
  try {
    module = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(
      `${specifier} is not available yet (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const missing = needed.filter((name) => typeof module[name] !== 'function');
  if (missing.length > 0) {
    throw new CliError(
      `${specifier} is not available yet: it does not export ${missing.join(', ')}`,
    );
  }
  return module as T;
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
  return importPackage<OrmApi>('@warden/orm', needed);
}

/** The permission checker of `@warden/policy`. */
export interface PolicyApi {
  createChecker(schema: SchemaDef): {
    checkAll(
      user: Record<string, unknown> | undefined,
    ): Promise<PermissionMatrix> | PermissionMatrix;
  };
}

export type PermissionMatrix = Record<
  string,
  Record<'create' | 'read' | 'update' | 'delete', boolean>
>;

export function policy(): Promise<PolicyApi> {
  return importPackage<PolicyApi>('@warden/policy', ['createChecker']);
}
