import { WardenError, findField } from '@warden/schema';
import { TRUE, and, atom, negate, or, type DomainValue, type Formula } from './formula.js';
import { resolveField, type LowerContext, type Scope, type VarOperand } from './operands.js';
import { isInt } from './rational.js';
import { toMillis, toRational, type VarInfo } from './variables.js';

/**
 * The `where` of a check as a formula over the checked row. Supports equality, `null`,
 * `equals in notIn not lt lte gt gte contains startsWith endsWith`, `AND OR NOT`, and to-one
 * relations (`author: { id }` is the foreign key). Filters the solver cannot express (list,
 * Json and Bytes fields, to-many relations, `mode: 'insensitive'`, string orderings) add no
 * constraint, which keeps the answer on the permissive side. Bad input throws `INVALID_INPUT`.
 */
export function whereFormula(
  ctx: LowerContext,
  scope: Scope,
  where: unknown,
  path = 'where',
): Formula {
  if (!isPlainObject(where)) fail(scope, path, 'must be an object');
  const parts: Formula[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    const at = `${path}.${key}`;
    if (key === 'AND' || key === 'OR' || key === 'NOT') {
      const items = Array.isArray(value) ? value : [value];
      const sub = items.map((w, i) =>
        whereFormula(ctx, scope, w, Array.isArray(value) ? `${at}[${i}]` : at),
      );
      parts.push(key === 'AND' ? and(...sub) : key === 'OR' ? or(...sub) : and(...sub.map(negate)));
      continue;
    }
    const field = findField(scope.model, key);
    if (!field) fail(scope, at, `unknown field '${key}' of model '${scope.model.name}'`);
    const target = resolveField(ctx, scope, key);
    if (field.kind === 'relation') {
      if (field.list || target.k !== 'row' || !target.scope) continue;
      if (value === null) {
        parts.push(target.exists.neg);
        continue;
      }
      if (!isPlainObject(value))
        fail(scope, at, 'a to-one relation filter must be an object or null');
      const { is, isNot, ...rest } = value;
      const inner: Formula[] = [target.exists.pos];
      if (Object.keys(rest).length > 0) inner.push(whereFormula(ctx, target.scope, rest, at));
      if (is !== undefined)
        inner.push(
          is === null ? target.exists.neg : whereFormula(ctx, target.scope, is, `${at}.is`),
        );
      if (isNot !== undefined)
        inner.push(
          isNot === null
            ? target.exists.pos
            : negate(whereFormula(ctx, target.scope, isNot, `${at}.isNot`)),
        );
      parts.push(and(...inner));
      continue;
    }
    if (target.k !== 'var') continue;
    parts.push(fieldFilter(scope, target, value, at));
  }
  return and(...parts);
}

function fieldFilter(scope: Scope, v: VarOperand, value: unknown, path: string): Formula {
  const f = valueFilter(scope, v.info, value, path);
  // Through an optional relation the field is null when the related row is absent.
  return v.guard.pos.k === 'true' ? f : and(v.guard.pos, f);
}

const FILTER_KEYS = new Set([
  'equals',
  'in',
  'notIn',
  'not',
  'lt',
  'lte',
  'gt',
  'gte',
  'contains',
  'startsWith',
  'endsWith',
  'mode',
]);

function valueFilter(scope: Scope, info: VarInfo, value: unknown, path: string): Formula {
  const x = info.id;
  const isNull = (negated: boolean) => atom({ k: 'null', x, negated });
  if (value === null) return isNull(false);
  if (!isPlainObject(value))
    return atom({ k: 'cmp', x, op: 'eq', c: domainValue(scope, info, value, path) });
  const parts: Formula[] = [];
  const insensitive = value.mode === 'insensitive';
  for (const [key, arg] of Object.entries(value)) {
    if (arg === undefined) continue;
    const at = `${path}.${key}`;
    if (!FILTER_KEYS.has(key)) fail(scope, at, `unknown filter '${key}'`);
    const one = (v: unknown, p: string) => domainValue(scope, info, v, p);
    switch (key) {
      case 'mode':
        if (arg !== 'default' && arg !== 'insensitive')
          fail(scope, at, "must be 'default' or 'insensitive'");
        break;
      case 'equals':
        parts.push(valueFilter(scope, info, arg, at));
        break;
      case 'not':
        // As in SQL: `not: v` matches rows where the column is present and differs.
        parts.push(
          arg === null
            ? isNull(true)
            : and(isNull(true), negate(valueFilter(scope, info, arg, at))),
        );
        break;
      case 'in':
      case 'notIn': {
        if (!Array.isArray(arg)) fail(scope, at, 'must be an array');
        const eqs = arg.map((item, i) =>
          atom({ k: 'cmp', x, op: 'eq', c: one(item, `${at}[${i}]`) }),
        );
        parts.push(key === 'in' ? or(...eqs) : and(isNull(true), ...eqs.map(negate)));
        break;
      }
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        const c = one(arg, at);
        if (info.kind !== 'int' && info.kind !== 'dense') break;
        const op = key === 'lt' ? 'lt' : key === 'lte' ? 'le' : key === 'gt' ? 'gt' : 'ge';
        parts.push(atom({ k: 'cmp', x, op, c }));
        break;
      }
      case 'contains':
      case 'startsWith':
      case 'endsWith':
        if (info.kind !== 'string') fail(scope, at, `'${key}' needs a String field`);
        if (typeof arg !== 'string') fail(scope, at, 'must be a string');
        if (!insensitive) parts.push(atom({ k: 'str', x, fn: key, s: arg, negated: false }));
        break;
    }
  }
  return parts.length === 0 ? TRUE : and(...parts);
}

/** A `where` value checked against the field's type. */
function domainValue(scope: Scope, info: VarInfo, v: unknown, path: string): DomainValue {
  const bad = (what: string): never =>
    fail(scope, path, `expected ${what} for ${info.type} field '${info.id}'`);
  switch (info.kind) {
    case 'bool':
      return typeof v === 'boolean' ? v : bad('a boolean');
    case 'string':
      return typeof v === 'string' ? v : bad('a string');
    case 'enum':
      return typeof v === 'string' && (info.values ?? []).includes(v)
        ? v
        : bad(`one of ${(info.values ?? []).join(', ')}`);
    case 'int': {
      if (info.type === 'DateTime') {
        const r = v instanceof Date || typeof v === 'string' ? toMillis(v) : undefined;
        return r ?? bad('a Date or an ISO date string');
      }
      const ok =
        typeof v === 'bigint' ||
        (typeof v === 'number' && Number.isInteger(v)) ||
        (info.type === 'BigInt' && typeof v === 'string');
      const r = ok ? toRational(v) : undefined;
      return r && isInt(r) ? r : bad('an integer');
    }
    case 'dense': {
      const ok =
        typeof v === 'number' ||
        typeof v === 'bigint' ||
        (info.type === 'Decimal' &&
          (typeof v === 'string' || (typeof v === 'object' && v !== null)));
      const r = ok ? toRational(v) : undefined;
      return r ?? bad('a number');
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function fail(scope: Scope, path: string, message: string): never {
  // `model` is the row the path ends in; the checker reports the checked model instead.
  const model = scope.model.name;
  throw new WardenError('INVALID_INPUT', `${path}: ${message}`, { model, path });
}
