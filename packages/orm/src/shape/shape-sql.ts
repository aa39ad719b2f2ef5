import { sql } from 'kysely';
import type { Expression, RawBuilder } from 'kysely';
import type { BuildScope } from '../plan/build-scope.js';
import type { Decoder } from '../codec/decode.js';
import { fieldDecoder, isIdentity } from '../codec/decode.js';
import { andAll, predSql, whereClause } from '../filter/predicate.js';
import { rowFilter } from '../filter/row-filter.js';
import { buildWhere } from '../filter/where.js';
import { col, relationJoin } from '../relation/join.js';
import { buildRowSource } from '../read/row-source.js';
import { readableColumn } from './masked-column.js';
import type { CountSelection, RelationSelection, Selection } from './selection.js';

/** SQL producing a selection plus the function that turns what it returns into results. */
export interface ShapedSql {
  readonly sql: RawBuilder<unknown>;
  readonly decode: (raw: any) => any;
  /** `left join ...` clauses the columns read from (to put right after the FROM item). */
  readonly joins?: RawBuilder<unknown>;
  /** The column names in order, when `decode` takes a row as an array of their values. */
  readonly columns?: readonly string[];
}

const toNumber = (v: unknown): number => Number(v);

function countSql(
  scope: BuildScope,
  sel: Selection,
  c: CountSelection,
  alias: string,
): RawBuilder<unknown> {
  const inner = scope.nextAlias();
  const join = relationJoin(scope.ctx, sel.model, c.field, alias, inner);
  const cond = andAll([
    join.on,
    rowFilter(scope.ctx, join.target, 'read', inner),
    c.where === undefined ? true : buildWhere(scope, join.target, inner, c.where, c.path),
  ]);
  if (cond === false) return sql`0`;
  return sql`(select count(*) from ${join.from}${whereClause(scope.ctx.dialect, cond)})`;
}

/** A relation's value as JSON (object, array or null) from the row at `alias`. */
function relationSql(
  scope: BuildScope,
  sel: Selection,
  rel: RelationSelection,
  alias: string,
): ShapedSql {
  const d = scope.ctx.dialect;
  const inner = scope.nextAlias();
  const join = relationJoin(scope.ctx, sel.model, rel.field, alias, inner);
  const obj = jsonObjectSql(scope, rel.selection, inner);
  if (!rel.field.list) {
    const cond = andAll([join.on, rowFilter(scope.ctx, join.target, 'read', inner)]);
    const decodeOne = obj.decode;
    return {
      sql: sql`(select ${obj.sql} from ${join.from} where ${predSql(d, cond)} limit 1)`,
      decode: (v) => (v === null || v === undefined ? null : decodeOne(v)),
    };
  }
  const src = buildRowSource(scope, join.target, inner, rel.args, rel.path, join);
  const a = rel.args;
  const ordered =
    a.orderBy !== undefined ||
    a.take !== undefined ||
    a.skip !== undefined ||
    a.cursor !== undefined ||
    a.distinct !== undefined;
  const decodeOne = obj.decode;
  const reversed = src.reversed;
  return {
    // Without order or paging the array is aggregated directly; otherwise from an ordered subquery.
    sql: ordered
      ? d.jsonArrayOf(
          sql`select ${obj.sql} as "_j" from ${src.from} where ${predSql(d, src.where)}${src.order}${src.page}`,
        )
      : d.jsonArrayAgg(obj.sql, sql`${src.from} where ${predSql(d, src.where)}`),
    decode: (v) => {
      const out = (v as unknown[]).map(decodeOne);
      return reversed ? out.reverse() : out;
    },
  };
}

/** The selection as one JSON object expression (for nested relations). */
export function jsonObjectSql(scope: BuildScope, sel: Selection, alias: string): ShapedSql {
  const d = scope.ctx.dialect;
  const { schema, provider } = scope.ctx;
  const entries: [string, RawBuilder<unknown>][] = [];
  const decoders: [string, Decoder][] = [];
  for (const f of sel.scalars) {
    entries.push([
      f.name,
      d.jsonValue(f, readableColumn(scope.ctx, sel.model, f, alias)) as RawBuilder<unknown>,
    ]);
    decoders.push([f.name, fieldDecoder(schema, provider, f, 'json')]);
  }
  for (const r of sel.relations) {
    const rs = relationSql(scope, sel, r, alias);
    entries.push([r.field.name, d.embedJson(rs.sql) as RawBuilder<unknown>]);
    decoders.push([r.field.name, rs.decode]);
  }
  if (sel.counts.length > 0) {
    entries.push([
      '_count',
      d.jsonObject(sel.counts.map((c) => [c.field.name, countSql(scope, sel, c, alias)] as const)),
    ]);
    const names = sel.counts.map((c) => c.field.name);
    decoders.push([
      '_count',
      (v: any) => {
        const o: Record<string, number> = {};
        for (const n of names) o[n] = Number(v[n]);
        return o;
      },
    ]);
  }
  // The parsed JSON object is fresh and already has the keys in selection order: convert in place.
  const active = decoders.filter(([, dec]) => !isIdentity(dec));
  const n = active.length;
  return {
    sql: d.jsonObject(entries),
    decode: (raw: any) => {
      for (let i = 0; i < n; i++) {
        const [k, dec] = active[i]!;
        raw[k] = dec(raw[k]);
      }
      return raw;
    },
  };
}

/** A to-one relation read through a LEFT JOIN (see `joinedToOne`). */
interface JoinedToOne {
  readonly join: RawBuilder<unknown>;
  /** Its columns (name, expression), to be selected one after the other. */
  readonly columns: readonly (readonly [string, Expression<unknown>])[];
  /** The related object (or null) from a row's values, its columns starting at `at`. */
  decode(row: readonly unknown[], at: number): unknown;
}

/**
 * A to-one relation on the foreign-key side whose selection is only scalars, read through a
 * LEFT JOIN as flat columns `<relation>.<field>` instead of a JSON object: no JSON to build in
 * SQL nor to parse in JavaScript. Its references are the target's id or a unique key (the
 * schema guarantees it), so the join adds no rows. Undefined for anything else, which stays a
 * JSON subquery.
 */
function joinedToOne(
  scope: BuildScope,
  sel: Selection,
  r: RelationSelection,
  alias: string,
): JoinedToOne | undefined {
  const rel = r.field.relation;
  if (r.field.list || !rel?.fields || !rel.references) return undefined;
  if (r.selection.relations.length > 0 || r.selection.counts.length > 0) return undefined;
  const { ctx } = scope;
  const d = ctx.dialect;
  const inner = scope.nextAlias();
  const join = relationJoin(ctx, sel.model, r.field, alias, inner);
  const cond = andAll([join.on, rowFilter(ctx, join.target, 'read', inner)]);
  if (cond === false) return undefined;
  const target = join.target;
  // A joined row always has its id: NULL there means no (readable) related row.
  const columns: (readonly [string, Expression<unknown>])[] = [
    [`${r.field.name}.$`, col(inner, target, target.idFields[0]!)],
  ];
  const names: string[] = [];
  const decoders: Decoder[] = [];
  for (const f of r.selection.scalars) {
    columns.push([
      `${r.field.name}.${f.name}`,
      d.selectColumn(f, readableColumn(ctx, target, f, inner)),
    ]);
    names.push(f.name);
    decoders.push(fieldDecoder(ctx.schema, ctx.provider, f, 'column'));
  }
  const n = names.length;
  return {
    join: sql` left join ${join.from} on ${predSql(d, cond)}`,
    columns,
    decode(row, at) {
      if (row[at] === null || row[at] === undefined) return null;
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) o[names[i]!] = decoders[i]!(row[at + 1 + i]);
      return o;
    },
  };
}

/** Reads one output value from a row's values. */
type Reader = (row: readonly unknown[]) => unknown;

/**
 * The selection as a top-level column list, read as arrays of values (`columns` names them):
 * scalars as columns, to-one relations on the foreign-key side as joined columns (see
 * `joinedToOne`), other relations as one JSON column each (aggregated in correlated
 * subqueries), counts as `_count.<relation>` columns. `decode` builds the result object, in
 * selection order, from a row's values.
 */
export function columnsSql(scope: BuildScope, sel: Selection, alias: string): ShapedSql {
  const d = scope.ctx.dialect;
  const { schema, provider } = scope.ctx;
  const cols: RawBuilder<unknown>[] = [];
  const columns: string[] = [];
  const joins: RawBuilder<unknown>[] = [];
  const keys: string[] = [];
  const readers: Reader[] = [];
  const add = (name: string, value: Expression<unknown>): number => {
    cols.push(sql`${value} as ${sql.id(name)}`);
    return columns.push(name) - 1;
  };
  for (const f of sel.scalars) {
    const at = add(f.name, d.selectColumn(f, readableColumn(scope.ctx, sel.model, f, alias)));
    const dec = fieldDecoder(schema, provider, f, 'column');
    keys.push(f.name);
    // Drivers give null (never undefined) for SQL NULL: identity decoders are skipped.
    readers.push(isIdentity(dec) ? (row) => row[at] : (row) => dec(row[at]));
  }
  for (const r of sel.relations) {
    keys.push(r.field.name);
    const joined = joinedToOne(scope, sel, r, alias);
    if (joined) {
      const at = columns.length;
      for (const [name, value] of joined.columns) add(name, value);
      joins.push(joined.join);
      readers.push((row) => joined.decode(row, at));
      continue;
    }
    const rs = relationSql(scope, sel, r, alias);
    const at = add(r.field.name, rs.sql);
    const decodeRel = rs.decode;
    readers.push((row) => decodeRel(d.parseJsonColumn(row[at])));
  }
  if (sel.counts.length > 0) {
    const names = sel.counts.map((c) => c.field.name);
    const at = sel.counts.map((c) => add(`_count.${c.field.name}`, countSql(scope, sel, c, alias)));
    keys.push('_count');
    readers.push((row) => {
      const c: Record<string, number> = {};
      for (let i = 0; i < names.length; i++) c[names[i]!] = toNumber(row[at[i]!]);
      return c;
    });
  }
  if (cols.length === 0) add('_', sql`1`);
  const n = keys.length;
  return {
    sql: sql.join(cols),
    joins: joins.length > 0 ? sql.join(joins, sql``) : undefined,
    columns,
    decode: (row: readonly unknown[]) => {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) o[keys[i]!] = readers[i]!(row);
      return o;
    },
  };
}
