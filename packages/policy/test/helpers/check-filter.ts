import type { PolicyOperation, SchemaDef } from '@warden/schema';
import { sql } from 'kysely';
import { compilePolicyFilter, evaluateRule, type PolicyUser } from '../../src/index.js';
import { memoryResolver } from './memory-resolver.js';
import type { Dataset, PolicyTestDb } from './policy-db.js';

function idKey(schema: SchemaDef, model: string, row: Record<string, unknown>): string {
  return schema.models[model]!.idFields.map((f) => String(row[f])).join('|');
}

/** Ids of the rows of `model` the compiled filter lets through, sorted. */
export async function sqlPermittedIds(
  t: PolicyTestDb,
  schema: SchemaDef,
  model: string,
  operation: PolicyOperation,
  user: PolicyUser,
): Promise<string[]> {
  const def = schema.models[model]!;
  const filter = compilePolicyFilter(schema, model, operation, {
    dialect: t.dialect,
    alias: 't',
    user,
  });
  if (filter === false) return [];
  const cols = def.idFields.map(
    (f) => sql`${sql.ref(`t.${def.fields[f]!.dbName}`)} as ${sql.id(f)}`,
  );
  const where = filter === true ? sql`1 = 1` : filter;
  const { rows } = await sql<
    Record<string, unknown>
  >`select ${sql.join(cols)} from ${sql.table(def.dbName)} as t where ${where}`.execute(t.db);
  return rows.map((r) => idKey(schema, model, r)).sort();
}

/** Ids of the rows of `model` the reference evaluator permits, sorted. */
export function referencePermittedIds(
  schema: SchemaDef,
  data: Dataset,
  model: string,
  operation: PolicyOperation,
  user: PolicyUser,
): string[] {
  const resolve = memoryResolver(schema, data);
  return (data[model] ?? [])
    .filter((row) => evaluateRule(schema, model, operation, user, row, resolve))
    .map((row) => idKey(schema, model, row))
    .sort();
}
