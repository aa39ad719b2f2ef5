import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WardenError } from '@warden/schema';
import type { SchemaDef } from '@warden/schema';

/** One `<dir>/<yyyyMMddHHmmss>_<name>/` folder. */
export interface MigrationFolder {
  /** The folder name, also the name recorded in `_warden_migrations`. */
  readonly name: string;
  readonly sqlPath: string;
  readonly sql: string;
  readonly checksum: string;
  /** `schema.json`, the SchemaDef the migration brings the database to, when present. */
  readonly snapshotPath: string;
}

const folderPattern = /^\d{14}_[^/\\]+$/;

/** The migrations in `dir`, oldest first. A missing `dir` holds none. */
export function readMigrations(dir: string): MigrationFolder[] {
  if (typeof dir !== 'string' || dir === '') {
    throw new WardenError('INVALID_INPUT', 'Migrations: `dir` must be a folder path');
  }
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && folderPattern.test(e.name))
    .map((e) => e.name)
    .sort()
    .flatMap((name) => {
      const sqlPath = join(dir, name, 'migration.sql');
      if (!existsSync(sqlPath)) return [];
      const sql = readFileSync(sqlPath, 'utf8');
      return [
        {
          name,
          sqlPath,
          sql,
          checksum: checksumOf(sql),
          snapshotPath: join(dir, name, 'schema.json'),
        },
      ];
    });
}

export function checksumOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function readSnapshot(m: MigrationFolder): SchemaDef {
  if (!existsSync(m.snapshotPath)) {
    throw new WardenError(
      'CONFIG',
      `Migration ${m.name} has no schema.json snapshot, so the next migration cannot be computed from it; ` +
        'create migrations with migrateDev, or add the snapshot by hand',
    );
  }
  try {
    return JSON.parse(readFileSync(m.snapshotPath, 'utf8')) as SchemaDef;
  } catch (e) {
    throw new WardenError('CONFIG', `Migration ${m.name}: schema.json is not valid JSON`, {
      cause: e,
    });
  }
}

/** `yyyyMMddHHmmss` in UTC, later than `after` (so two migrations in one second stay ordered). */
export function migrationTimestamp(now: Date, after: string | undefined): string {
  let t = now.getTime();
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  while (after !== undefined && stamp(t) <= after) t += 1000;
  return stamp(t);
}
