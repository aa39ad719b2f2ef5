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

/** Which of `ids` (by index from `first`) a row matched: a literal CASE over the id conditions. */
function indexOf(ctx: QueryContext, model: ModelDef, ids: readonly PolicyRow[], first: number) {
  const arms = ids.map(
    (row, k) => sql`when ${idCondition(ctx, model, 't', row)} then ${sql.lit(first + k)}`,
  );
  return sql`case ${sql.join(arms, sql` `)} end`;
}

/**
 * The rows with `ids` as stored (database values), to replay as the rows were before an
 * update: one query per chunk of rows, in the order of `ids` (`undefined` where none).
 */
export async function rawRows(
  ctx: QueryContext,
  model: ModelDef,
  ids: readonly PolicyRow[],
): Promise<(Record<string, unknown> | undefined)[]> {
  const out = new Array<Record<string, unknown> | undefined>(ids.length);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const any = sql.join(
      chunk.map((row) => sql`(${idCondition(ctx, model, 't', row)})`),
      sql` or `,
    );
    const { rows } = await sql<
      Record<string, unknown>
    >`select t.*, ${indexOf(ctx, model, chunk, i)} as ${sql.id(INDEX)} from ${sql.table(model.dbName)} as t where ${any}`.execute(
      ctx.kysely,
    );
    for (const row of rows) {
      const at = Number(row[INDEX]);
      delete row[INDEX];
      out[at] = row;
    }
  }
  return out;
}

/** The helper column that numbers rows in batched checks. */
const INDEX = '__warden_i';

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
 * Post-update rules on updated rows: each rule evaluated with `future()` on the row as it is
 * now (found by `after`, its id now) and plain fields on the row as it was (`pre`, replayed
 * from its stored values as a derived table). One query per chunk of rows; true when all pass.
 */
export async function postUpdatePasses(
  ctx: QueryContext,
  schema: SchemaDef,
  model: ModelDef,
  user: PolicyUser,
  rows: readonly { readonly pre: Record<string, unknown>; readonly after: PolicyRow }[],
): Promise<boolean> {
  const filter = compilePolicyFilter(schema, model.name, 'update', {
    dialect: ctx.provider,
    alias: 'pre',
    futureAlias: 't',
    user,
  });
  if (typeof filter === 'boolean') return filter;
  // Each row binds one value per column: stay well under SQLite's and PostgreSQL's limits.
  const width = Object.keys(model.fields).length + model.idFields.length + 1;
  const per = Math.max(1, Math.min(CHUNK, Math.floor(20_000 / width)));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const pre = sql.join(
      chunk.map(
        ({ pre: row }, k) =>
          sql`select ${virtualColumns(ctx, model, (field) => row[field.dbName] ?? null)}, ${sql.lit(k)} as ${sql.id(INDEX)}`,
      ),
      sql` union all `,
    );
    const pairs = sql.join(
      chunk.map(
        ({ after }, k) =>
          sql`(${idCondition(ctx, model, 't', after)} and ${sql.ref(`pre.${INDEX}`)} = ${sql.lit(k)})`,
      ),
      sql` or `,
    );
    const { rows: passing } =
      await sql`select 1 as "ok" from ${sql.table(model.dbName)} as t, (${pre}) as pre where (${pairs}) and ${filter}`.execute(
        ctx.kysely,
      );
    if (passing.length < chunk.length) return false;
  }
  return true;
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

/** Rows per create-rule query (SQLite allows 500 terms in a UNION ALL). */
const CREATE_CHUNK = 100;

/**
 * The create rule on rows about to be inserted: their encoded column values (by field name)
 * become a derived table, `CREATE_CHUNK` rows per query; relation reads go to the real tables.
 * True when every row passes.
 */
export async function virtualRowsPass(
  ctx: QueryContext,
  schema: SchemaDef,
  model: ModelDef,
  user: PolicyUser,
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<boolean> {
  const filter = compilePolicyFilter(schema, model.name, 'create', {
    dialect: ctx.provider,
    alias: 't',
    user,
  });
  if (typeof filter === 'boolean') return filter;
  for (let i = 0; i < rows.length; i += CREATE_CHUNK) {
    const chunk = rows.slice(i, i + CREATE_CHUNK);
    const table = sql.join(
      chunk.map(
        (columns) => sql`select ${virtualColumns(ctx, model, (f) => columns[f.name] ?? null)}`,
      ),
      sql` union all `,
    );
    const { rows: out } = await sql<{
      n: number | string | bigint;
    }>`select count(*) as "n" from (${table}) as t where ${filter}`.execute(ctx.kysely);
    if (Number(out[0]?.n ?? 0) < chunk.length) return false;
  }
  return true;
}
