import type { Expr, ModelDef } from '@warden/schema';
import { WardenError } from '@warden/schema';
import type { ValidationSite } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { invalidInput } from '../validate/invalid.js';
import { isDecimal } from '../codec/decimal.js';
import { isUrl } from './field-rules.js';

/** The field names an expression reads from its row. */
export function fieldsOf(e: Expr, out = new Set<string>()): Set<string> {
  switch (e.kind) {
    case 'field':
      out.add(e.name);
      break;
    case 'member':
      fieldsOf(e.object, out);
      break;
    case 'array':
      for (const i of e.items) fieldsOf(i, out);
      break;
    case 'unary':
      fieldsOf(e.operand, out);
      break;
    case 'binary':
      fieldsOf(e.left, out);
      fieldsOf(e.right, out);
      break;
    case 'collection':
      fieldsOf(e.collection, out);
      break;
    case 'call':
      for (const a of e.args) fieldsOf(a, out);
      break;
    case 'literal':
    case 'null':
    case 'this':
    case 'auth':
    case 'future':
    case 'enum':
      break;
  }
  return out;
}

type Value = unknown;

function comparable(v: Value): unknown {
  if (v instanceof Date) return v.getTime();
  if (isDecimal(v)) return v.toNumber();
  if (typeof v === 'bigint') return Number(v);
  return v;
}

function equals(a: Value, b: Value): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  if (isDecimal(a) || isDecimal(b)) return comparable(a) === comparable(b);
  return comparable(a) === comparable(b);
}

function order(op: string, a: Value, b: Value): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  const x = comparable(a) as number;
  const y = comparable(b) as number;
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

/**
 * Evaluates the `@@validate` subset of `Expr` over one row's values: literals, fields, enums,
 * arrays, `! && || == != < <= > >= in` and the functions `length contains startsWith endsWith
 * has hasSome hasEvery isEmpty regex email url datetime now`. A `null` operand makes a
 * comparison false, as in SQL.
 */
export function evaluate(e: Expr, row: Readonly<Record<string, unknown>>): Value {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'object' ? BigInt(e.value.bigint) : e.value;
    case 'null':
      return null;
    case 'field':
      return row[e.name] ?? null;
    case 'enum':
      return e.value;
    case 'array':
      return e.items.map((i) => evaluate(i, row));
    case 'unary':
      return !evaluate(e.operand, row);
    case 'binary': {
      if (e.op === '&&') return evaluate(e.left, row) === true && evaluate(e.right, row) === true;
      if (e.op === '||') return evaluate(e.left, row) === true || evaluate(e.right, row) === true;
      const l = evaluate(e.left, row);
      const r = evaluate(e.right, row);
      if (e.op === '==') return equals(l, r);
      if (e.op === '!=') return !equals(l, r);
      if (e.op === 'in') return Array.isArray(r) && r.some((x) => equals(l, x));
      return order(e.op, l, r);
    }
    case 'call':
      return call(
        e.name,
        e.args.map((a) => evaluate(a, row)),
      );
    case 'this':
    case 'auth':
    case 'future':
    case 'member':
    case 'collection':
      throw new WardenError(
        'CONFIG',
        `@@validate: '${e.kind}' expressions are not supported in validation rules`,
      );
  }
}

function call(name: string, args: Value[]): Value {
  const [a, b, c] = args;
  switch (name) {
    case 'length': {
      if (a === null || a === undefined) return null;
      return (a as string | unknown[]).length;
    }
    case 'contains':
    case 'startsWith':
    case 'endsWith': {
      if (typeof a !== 'string' || typeof b !== 'string') return false;
      const ci = c === true;
      const x = ci ? a.toLowerCase() : a;
      const y = ci ? b.toLowerCase() : b;
      return name === 'contains'
        ? x.includes(y)
        : name === 'startsWith'
          ? x.startsWith(y)
          : x.endsWith(y);
    }
    case 'has':
      return Array.isArray(a) && a.some((x) => equals(x, b));
    case 'hasSome':
      return Array.isArray(a) && Array.isArray(b) && b.some((y) => a.some((x) => equals(x, y)));
    case 'hasEvery':
      return Array.isArray(a) && Array.isArray(b) && b.every((y) => a.some((x) => equals(x, y)));
    case 'isEmpty':
      return Array.isArray(a) && a.length === 0;
    case 'regex':
      return typeof a === 'string' && typeof b === 'string' && new RegExp(b).test(a);
    case 'email':
      return typeof a === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a);
    case 'url':
      return typeof a === 'string' && isUrl(a);
    case 'datetime':
      return typeof a === 'string' && !Number.isNaN(new Date(a).getTime());
    case 'now':
      return new Date();
    default:
      throw new WardenError(
        'CONFIG',
        `@@validate: function '${name}' is not supported in validation rules`,
      );
  }
}

/**
 * Checks `model`'s `@@validate` rules against a row's API values. `present` limits the check
 * to rules whose fields are all known (an update validates only the fields it sets).
 * A failing rule is INVALID_INPUT at `path` with the rule's message or source.
 */
export function checkModelRules(
  model: ModelDef,
  row: Readonly<Record<string, unknown>>,
  present: ((field: string) => boolean) | undefined,
  path: ArgPath,
  site: ValidationSite,
): void {
  for (const rule of model.validations) {
    if (present && ![...fieldsOf(rule.condition)].every(present)) continue;
    if (evaluate(rule.condition, row) !== true) {
      throw invalidInput(
        path,
        rule.message ?? `failed @@validate(${rule.source}) on ${model.name}`,
        site,
      );
    }
  }
}
