import { findField, findModel, type SchemaDef } from '@warden/schema';
import type { CrudFilter, CrudSort, LogicalFilter } from '@refinedev/core';
import { coerceScalar } from './resource-model.js';

type Where = Record<string, unknown>;

/**
 * Translates Refine filters into a Warden `where`. The top-level array is AND; `or` / `and`
 * nest to any depth; a dotted field (`author.name`) becomes a relation filter. Case follows
 * Refine: `contains`, `startswith`, `endswith`, `eq`, `ne` and their negations ignore case; the
 * forms ending in `s` respect it. String values on number, bigint and Boolean fields (Refine's
 * `syncWithLocation` restores every filter value as a string) become that type.
 *
 * @example
 * ```ts
 * filtersToWhere(schema, 'Post', [{ field: 'title', operator: 'contains', value: 'hello' }]);
 * // { AND: [{ title: { contains: 'hello', mode: 'insensitive' } }] }
 * ```
 */
export function filtersToWhere(
  schema: SchemaDef | undefined,
  model: string,
  filters: readonly CrudFilter[],
): Where {
  const parts = filters
    .map((f) => filterToWhere(schema, model, f))
    .filter((w) => Object.keys(w).length > 0);
  return parts.length === 0 ? {} : parts.length === 1 ? parts[0]! : { AND: parts };
}

function filterToWhere(schema: SchemaDef | undefined, model: string, filter: CrudFilter): Where {
  if (filter.operator === 'or' || filter.operator === 'and') {
    const parts = (filter.value as CrudFilter[]).map((f) => filterToWhere(schema, model, f));
    return { [filter.operator === 'or' ? 'OR' : 'AND']: parts };
  }
  const logical = filter as LogicalFilter;
  return pathFilter(schema, model, logical.field.split('.'), logical);
}

/** `author.name` on Post -> `{ author: { is: { name: <condition> } } }` (`some` for lists). */
function pathFilter(
  schema: SchemaDef | undefined,
  model: string,
  path: string[],
  filter: LogicalFilter,
): Where {
  const [head, ...rest] = path as [string, ...string[]];
  const def = schema ? findModel(schema, model) : undefined;
  const field = def ? findField(def, head) : undefined;
  if (rest.length === 0) return condition(head, filter, field?.type);
  const nested = pathFilter(schema, field?.type ?? head, rest, filter);
  return { [head]: { [field?.list ? 'some' : 'is']: nested } };
}

function condition(field: string, filter: LogicalFilter, type: string | undefined): Where {
  // Values restored from the URL are strings: compare them as the field's type.
  const raw: unknown = filter.value;
  const v = Array.isArray(raw) ? raw.map((x) => coerceScalar(type, x)) : coerceScalar(type, raw);
  const text = type ? type === 'String' : typeof v === 'string';
  const ci = text ? { mode: 'insensitive' } : {};
  const not = (inner: Where): Where => ({ NOT: { [field]: inner } });
  switch (filter.operator) {
    case 'eq':
      return { [field]: v === null ? null : { equals: v, ...ci } };
    case 'ne':
      return v === null ? { [field]: { not: null } } : not({ equals: v, ...ci });
    case 'eqs':
      return { [field]: v === null ? null : { equals: v } };
    case 'nes':
      return { [field]: { not: v } };
    case 'lt':
    case 'gt':
    case 'lte':
    case 'gte':
      return { [field]: { [filter.operator]: v } };
    case 'in':
      return { [field]: { in: asArray(v) } };
    case 'nin':
      return { [field]: { notIn: asArray(v) } };
    case 'ina':
      return { [field]: { hasEvery: asArray(v) } };
    case 'nina':
      return not({ hasEvery: asArray(v) });
    case 'contains':
      return { [field]: { contains: v, mode: 'insensitive' } };
    case 'ncontains':
      return not({ contains: v, mode: 'insensitive' });
    case 'containss':
      return { [field]: { contains: v } };
    case 'ncontainss':
      return not({ contains: v });
    case 'startswith':
      return { [field]: { startsWith: v, mode: 'insensitive' } };
    case 'nstartswith':
      return not({ startsWith: v, mode: 'insensitive' });
    case 'startswiths':
      return { [field]: { startsWith: v } };
    case 'nstartswiths':
      return not({ startsWith: v });
    case 'endswith':
      return { [field]: { endsWith: v, mode: 'insensitive' } };
    case 'nendswith':
      return not({ endsWith: v, mode: 'insensitive' });
    case 'endswiths':
      return { [field]: { endsWith: v } };
    case 'nendswiths':
      return not({ endsWith: v });
    case 'between': {
      const [lo, hi] = asArray(v);
      return { [field]: { gte: lo, lte: hi } };
    }
    case 'nbetween': {
      const [lo, hi] = asArray(v);
      return { OR: [{ [field]: { lt: lo } }, { [field]: { gt: hi } }] };
    }
    case 'null':
      return { [field]: v === false ? { not: null } : null };
    case 'nnull':
      return { [field]: v === false ? null : { not: null } };
    default:
      throw new Error(`Unsupported filter operator "${String(filter.operator)}" on ${field}`);
  }
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** Refine sorters -> Warden `orderBy`; `author.name` sorts by the related row's field. */
export function sortersToOrderBy(sorters: readonly CrudSort[]): Where[] {
  return sorters.map((s) => {
    const path = s.field.split('.');
    let order: unknown = s.order;
    for (let i = path.length - 1; i >= 0; i--) order = { [path[i]!]: order };
    return order as Where;
  });
}
