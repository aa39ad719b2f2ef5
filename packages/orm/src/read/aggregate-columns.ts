import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { FieldDef, ModelDef } from '@warden/schema';
import type { BuildScope } from '../plan/build-scope.js';
import type { Decoder } from '../codec/decode.js';
import { fieldDecoder } from '../codec/decode.js';
import { Decimal } from '../codec/decimal.js';
import { readableColumn } from '../shape/masked-column.js';
import { apiField } from '../schema-util.js';
import { expectBoolean, expectObject } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { invalidInput } from '../validate/invalid.js';

export const AGGREGATES = ['_count', '_avg', '_sum', '_min', '_max'] as const;
export type AggregateOp = (typeof AGGREGATES)[number];

const NUMERIC = new Set(['Int', 'BigInt', 'Float', 'Decimal']);

/** One aggregate in a result: `_sum.views` is `{ op: '_sum', key: 'views' }`. */
export interface AggregateColumn {
  readonly op: AggregateOp;
  /** The field name, `_all`, or `null` for the bare `_count: true`. */
  readonly key: string | null;
  readonly sql: RawBuilder<unknown>;
  readonly decode: Decoder;
}

const toNumber: Decoder = (v) => (v === null || v === undefined ? null : Number(v));
const toCount: Decoder = (v) => Number(v ?? 0);

/** The SQL and decoder of `op` over `field` (column at `alias`). */
export function aggregateOf(
  scope: BuildScope,
  model: ModelDef,
  op: AggregateOp,
  field: FieldDef | null,
  alias: string,
): { sql: RawBuilder<unknown>; decode: Decoder } {
  const d = scope.ctx.dialect;
  if (op === '_count')
    return {
      sql: field
        ? sql`count(${readableColumn(scope.ctx, model, field, alias, 'filter')})`
        : sql`count(*)`,
      decode: toCount,
    };
  const f = field!;
  // Aggregated as this client reads the field: a hidden value must not reach a sum or a max.
  const c = d.comparable(f, readableColumn(scope.ctx, model, f, alias, 'filter'));
  const sqlite = scope.ctx.provider === 'sqlite';
  switch (op) {
    case '_avg':
      return {
        sql: sql`avg(${c})`,
        decode:
          f.type === 'Decimal' ? (v) => (v === null ? null : new Decimal(v as string)) : toNumber,
      };
    case '_sum':
      if (f.type === 'BigInt') {
        return {
          sql: sqlite ? sql`cast(sum(${c}) as text)` : sql`sum(${c})`,
          decode: (v) => (v === null ? null : BigInt(v as string)),
        };
      }
      if (f.type === 'Decimal')
        return {
          sql: sql`sum(${c})`,
          decode: (v) => (v === null ? null : new Decimal(v as string)),
        };
      return { sql: sql`sum(${c})`, decode: toNumber };
    case '_min':
    case '_max': {
      // PostgreSQL has no min/max over booleans: false < true, so they are bool_and/bool_or.
      const name =
        f.type === 'Boolean' && !sqlite
          ? op === '_min'
            ? 'bool_and'
            : 'bool_or'
          : op === '_min'
            ? 'min'
            : 'max';
      const fn = sql.raw(name);
      return {
        sql: d.selectColumn(f, sql`${fn}(${c})`) as RawBuilder<unknown>,
        decode: fieldDecoder(scope.ctx.schema, scope.ctx.provider, f, 'column'),
      };
    }
  }
}

/** Parses `_count _avg _sum _min _max` of `args` into aggregate columns. */
export function aggregateColumns(
  scope: BuildScope,
  model: ModelDef,
  alias: string,
  args: Record<string, unknown>,
  path: ArgPath,
): AggregateColumn[] {
  const out: AggregateColumn[] = [];
  for (const op of AGGREGATES) {
    const v = args[op];
    if (v === undefined || v === false) continue;
    const p = [...path, op];
    if (op === '_count' && v === true) {
      out.push({ op, key: null, ...aggregateOf(scope, model, op, null, alias) });
      continue;
    }
    const obj = expectObject(scope.site, p, v);
    for (const k of Object.keys(obj)) {
      if (obj[k] === undefined || !expectBoolean(scope.site, [...p, k], obj[k])) continue;
      if (op === '_count' && k === '_all') {
        out.push({ op, key: '_all', ...aggregateOf(scope, model, op, null, alias) });
        continue;
      }
      const field = apiField(model, k);
      if (!field || field.kind === 'relation')
        throw invalidInput(
          [...p, k],
          `unknown scalar field '${k}' of model ${model.name}`,
          scope.site,
        );
      if ((op === '_avg' || op === '_sum') && (!NUMERIC.has(field.type) || field.list)) {
        throw invalidInput(
          [...p, k],
          `${op} needs a numeric field; ${model.name}.${k} is ${field.type}`,
          scope.site,
        );
      }
      if (
        (op === '_min' || op === '_max') &&
        (field.list || field.type === 'Json' || field.type === 'Bytes')
      ) {
        throw invalidInput([...p, k], `${op} is not available on ${field.type} fields`, scope.site);
      }
      out.push({ op, key: k, ...aggregateOf(scope, model, op, field, alias) });
    }
  }
  return out;
}

/** Column aliases for aggregate columns: `_sum.views`. */
export function aggregateAlias(a: AggregateColumn): string {
  return a.key === null ? a.op : `${a.op}.${a.key}`;
}

/** Puts decoded aggregates of `row` into `target` as `{ _sum: { views: 3 }, _count: 2 }`. */
export function assignAggregates(
  target: Record<string, any>,
  aggs: readonly AggregateColumn[],
  row: any,
): void {
  for (const a of aggs) {
    const v = a.decode(row[aggregateAlias(a)]);
    if (a.key === null) target[a.op] = v;
    else (target[a.op] ??= {})[a.key] = v;
  }
}
