import type { FieldDef, ModelDef, SchemaDef } from '@warden/schema';
import type { QueryContext } from '@warden/orm';
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { compilePolicyFilter, type PolicyFilter } from '../compile-policy-filter.js';
import { toDbValue } from '../compile/db-values.js';
import type { PolicyRow, PolicyUser } from '../types.js';

/** Ids of a result row, as a `where`. */
export function idWhere(model: ModelDef, row: PolicyRow): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  for (const id of model.idFields) where[id] = row[id];
  return where;
}

export function idSelect(model: ModelDef): Record<string, true> {
  return Object.fromEntries(model.idFields.map((id) => [id, true]));
}

function idCondition(ctx: QueryContext, model: ModelDef, alias: string, row: PolicyRow) {
  const parts = model.idFields.map((id) => {
    const field = model.fields[id]!;
    const value = toDbValue(ctx.schema, ctx.provider, field, row[id]);
    return sql`${sql.ref(`${alias}.${field.dbName}`)} = ${value}`;
  });
  return sql.join(parts, sql` and `);
}

/** True when the row with `ids` passes `filter` (one query; none for constant filters). */
export async function rowPasses(
  ctx: QueryContext,
  model: ModelDef,
  ids: PolicyRow,
  filter: PolicyFilter,
  alias = 't',
): Promise<boolean> {
  if (typeof filter === 'boolean') return filter;
  const { rows } =
    await sql`select 1 as "ok" from ${sql.table(model.dbName)} as ${sql.id(alias)} where ${idCondition(ctx, model, alias, ids)} and ${filter}`.execute(
      ctx.kysely,
    );
  return rows.length > 0;
}

/** Rows per statement when many rows are checked at once (keeps under parameter limits). */
const CHUNK = 200;

/**
 * How many of the rows with `ids` pass `filter` (one query per 200 rows). The rows exist
 * (the caller just selected them in its transaction), so fewer than `ids.length` means some
 * row fails.
 */
export async function countPassing(
  ctx: QueryContext,
  model: ModelDef,
  ids: readonly PolicyRow[],
  filter: Expression<SqlBool>,
): Promise<number> {
  let passing = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const any = sql.join(
      ids.slice(i, i + CHUNK).map((row) => sql`(${idCondition(ctx, model, 't', row)})`),
      sql` or `,
    );
    const { rows } =
      await sql`select 1 as "ok" from ${sql.table(model.dbName)} as t where (${any}) and ${filter}`.execute(
        ctx.kysely,
      );
    passing += rows.length;
  }
  return passing;
}

/** The row as stored (database values), to replay it as the pre-update row. */
export async function rawRow(
  ctx: QueryContext,
  model: ModelDef,
  ids: PolicyRow,
): Promise<Record<string, unknown> | undefined> {
  const { rows } = await sql<
    Record<string, unknown>
  >`select * from ${sql.table(model.dbName)} as t where ${idCondition(ctx, model, 't', ids)}`.execute(
    ctx.kysely,
  );
  return rows[0];
}

const PG_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric',
  Boolean: 'boolean',
  DateTime: 'timestamptz',
  Json: 'jsonb',
  Bytes: 'bytea',
};

/**
 * Post-update rules: the rule evaluated with `future()` on the updated row and plain fields
 * on the row as it was (`pre`, replayed from its stored values).
 */
export async function postUpdatePasses(
  ctx: QueryContext,
  schema: SchemaDef,
  model: ModelDef,
  user: PolicyUser,
  pre: Record<string, unknown>,
  idsAfter: PolicyRow,
): Promise<boolean> {
  const filter = compilePolicyFilter(schema, model.name, 'update', {
    dialect: ctx.provider,
    alias: 'pre',
    futureAlias: 't',
    user,
  });
  if (typeof filter === 'boolean') return filter;
  const columns = virtualColumns(ctx, model, (field) => pre[field.dbName] ?? null);
  const { rows } =
    await sql`select 1 as "ok" from ${sql.table(model.dbName)} as t, (select ${columns}) as pre where ${idCondition(ctx, model, 't', idsAfter)} and ${filter}`.execute(
      ctx.kysely,
    );
  return rows.length > 0;
}

/** `select ? as "col", ...`: a row of `model` made of values, typed like the table's columns. */
function virtualColumns(
  ctx: QueryContext,
  model: ModelDef,
  value: (field: FieldDef) => unknown,
): RawBuilder<unknown> {
  const columns: RawBuilder<unknown>[] = [];
  for (const field of Object.values(model.fields)) {
    if (field.kind === 'relation') continue;
    const type =
      field.kind === 'enum' ? sql.id(field.type) : sql.raw(PG_TYPES[field.type] ?? 'text');
    const v = value(field);
    const cell =
      ctx.provider === 'postgresql'
        ? sql`cast(${v} as ${type}${sql.raw(field.list ? '[]' : '')})`
        : sql`${v}`;
    columns.push(sql`${cell} as ${sql.id(field.dbName)}`);
  }
  return sql.join(columns);
}

/**
 * The create rule on a row about to be inserted: its encoded column values (by field name)
 * become a one-row derived table; relation reads go to the real tables.
 */
export async function virtualRowPasses(
  ctx: QueryContext,
  schema: SchemaDef,
  model: ModelDef,
  user: PolicyUser,
  columns: Readonly<Record<string, unknown>>,
): Promise<boolean> {
  const filter = compilePolicyFilter(schema, model.name, 'create', {
    dialect: ctx.provider,
    alias: 't',
    user,
  });
  if (typeof filter === 'boolean') return filter;
  const row = virtualColumns(ctx, model, (field) => columns[field.name] ?? null);
  const { rows } = await sql`select 1 as "ok" from (select ${row}) as t where ${filter}`.execute(
    ctx.kysely,
  );
  return rows.length > 0;
}
