import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { BuildScope } from '../plan/build-scope.js';
import type { Decoder } from '../codec/decode.js';
import { fieldDecoder, isIdentity } from '../codec/decode.js';
import { andAll, predSql, whereClause } from '../filter/predicate.js';
import { rowFilter } from '../filter/row-filter.js';
import { buildWhere } from '../filter/where.js';
import { relationJoin } from '../relation/join.js';
import { buildRowSource } from '../read/row-source.js';
import { readableColumn } from './masked-column.js';
import type { CountSelection, RelationSelection, Selection } from './selection.js';

/** SQL producing a selection plus the function that turns what it returns into results. */
export interface ShapedSql {
  readonly sql: RawBuilder<unknown>;
  readonly decode: (raw: any) => any;
}

const toNumber = (v: unknown): number => Number(v);

function countSql(
  scope: BuildScope,
  sel: Selection,
  c: CountSelection,
  alias: string,
): RawBuilder<unknown> {
  const inner = scope.nextAlias();
  const join = relationJoin(scope.ctx.schema, sel.model, c.field, alias, inner);
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
  const join = relationJoin(scope.ctx.schema, sel.model, rel.field, alias, inner);
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

/**
 * The selection as a top-level column list: scalars as columns, relations as one JSON column
 * each (aggregated in correlated subqueries), counts as `_count.<relation>` columns.
 */
export function columnsSql(scope: BuildScope, sel: Selection, alias: string): ShapedSql {
  const d = scope.ctx.dialect;
  const { schema, provider } = scope.ctx;
  const cols: RawBuilder<unknown>[] = [];
  const keys: string[] = [];
  const decoders: Decoder[] = [];
  for (const f of sel.scalars) {
    cols.push(
      sql`${d.selectColumn(f, readableColumn(scope.ctx, sel.model, f, alias))} as ${sql.id(f.name)}`,
    );
    keys.push(f.name);
    decoders.push(fieldDecoder(schema, provider, f, 'column'));
  }
  for (const r of sel.relations) {
    const rs = relationSql(scope, sel, r, alias);
    cols.push(sql`${rs.sql} as ${sql.id(r.field.name)}`);
    keys.push(r.field.name);
    const decodeRel = rs.decode;
    decoders.push((v) => decodeRel(d.parseJsonColumn(v)));
  }
  for (const c of sel.counts) {
    cols.push(sql`${countSql(scope, sel, c, alias)} as ${sql.id(`_count.${c.field.name}`)}`);
  }
  const countNames = sel.counts.map((c) => c.field.name);
  if (cols.length === 0) {
    cols.push(sql`1 as "_"`);
    return { sql: sql.join(cols), decode: () => ({}) };
  }
  if (countNames.length > 0) {
    const n = keys.length;
    return {
      sql: sql.join(cols),
      decode: (row: any) => {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) o[keys[i]!] = decoders[i]!(row[keys[i]!]);
        const c: Record<string, number> = {};
        for (const name of countNames) c[name] = toNumber(row[`_count.${name}`]);
        o._count = c;
        return o;
      },
    };
  }
  // Driver rows are fresh objects with exactly the selected keys in order: convert in place.
  const activeKeys: string[] = [];
  const activeDecoders: Decoder[] = [];
  keys.forEach((k, i) => {
    if (!isIdentity(decoders[i]!)) {
      activeKeys.push(k);
      activeDecoders.push(decoders[i]!);
    }
  });
  const n = activeKeys.length;
  return {
    sql: sql.join(cols),
    decode: (row: any) => {
      for (let i = 0; i < n; i++) row[activeKeys[i]!] = activeDecoders[i]!(row[activeKeys[i]!]);
      return row;
    },
  };
}
