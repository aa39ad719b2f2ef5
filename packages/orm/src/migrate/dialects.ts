import { WardenError } from '@warden/schema';
import type { MigrateDialect, SqlDialectName } from './dialect.js';
import { postgresMigrateDialect } from './postgres/postgres-dialect.js';
import { sqliteMigrateDialect } from './sqlite/sqlite-dialect.js';

export function migrateDialect(name: SqlDialectName): MigrateDialect {
  if (name === 'sqlite') return sqliteMigrateDialect;
  if (name === 'postgresql') return postgresMigrateDialect;
  throw new WardenError(
    'CONFIG',
    `Unknown SQL dialect "${String(name)}": use 'sqlite' or 'postgresql'`,
  );
}
