import type { Kysely } from 'kysely';
import { WardenError } from '@warden/schema';
import type { SchemaDef } from '@warden/schema';
import type { SqlDialectName } from './dialect.js';
import { migrateDialect } from './dialects.js';
import { desiredState } from './desired-state.js';
import { diffStates, isEmptyDiff } from './diff.js';
import { findHazards } from './hazards.js';
import { runStatements, splitEnumAdditions } from './run-sql.js';

export interface PushOptions {
  /** Apply changes that lose data (dropped tables or columns, deleted rows); off by default. */
  acceptDataLoss?: boolean;
}

export interface PushResult {
  /** The SQL statements run, in order; empty when the database already matched. */
  applied: string[];
  /** What was lost (only when `acceptDataLoss` allowed it). */
  warnings: string[];
}

/**
 * Makes the database match `schema`: introspects it, diffs, and applies only the difference in
 * one transaction. Changes that would lose data are refused with `INVALID_INPUT` (listing each
 * `table.column` and row count, nothing changed) unless `acceptDataLoss` is set.
 *
 * @example
 * ```ts
 * const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database('dev.db') }) });
 * const { applied } = await pushSchema(db, 'sqlite', schema);
 * // applied: ['CREATE TABLE "User" (\n  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, ...)', ...]
 * await pushSchema(db, 'sqlite', schema); // { applied: [], warnings: [] }
 * ```
 */
export async function pushSchema(
  db: Kysely<any>,
  dialect: SqlDialectName,
  schema: SchemaDef,
  options: PushOptions = {},
): Promise<PushResult> {
  const d = migrateDialect(dialect);
  const desired = desiredState(schema, d);
  const diff = diffStates(await d.introspect(db), desired, d);
  if (isEmptyDiff(diff)) return { applied: [], warnings: [] };
  const statements = d.planStatements(diff);
  const hazards = await findHazards(db, d, diff);
  if (hazards.length > 0 && options.acceptDataLoss !== true) {
    throw new WardenError(
      'INVALID_INPUT',
      'Schema push refused because it would lose data; nothing was changed. ' +
        'Pass acceptDataLoss: true to apply it anyway:\n' +
        hazards.map((h) => `- ${h.message}`).join('\n'),
    );
  }
  const fixups = hazards.flatMap((h) => h.fixups);
  const applied: string[] = [];
  if (d.name === 'sqlite' && fixups.length > 0) {
    // Deletions must run with foreign keys enforced (cascades), which the rebuild turns off.
    await db.transaction().execute((trx) => runStatements(trx, fixups, applied));
  }
  const [enumAdditions, rest] =
    d.name === 'postgresql' ? splitEnumAdditions(statements) : [[], statements];
  await runStatements(db, enumAdditions, applied);
  await d.runStructural(db, async (trx) => {
    if (d.name !== 'sqlite') await runStatements(trx, fixups, applied);
    await runStatements(trx, rest, applied);
  });
  return { applied, warnings: hazards.map((h) => h.message) };
}
