import type { Expr } from '@warden/schema';
import { WardenError } from '@warden/schema';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { applyCasing } from '../expr-types.js';
import type { CompileContext, Val } from './compile-context.js';
import { compileCheck, compileValue, hasValue, valueSql } from './compile-expr.js';
import { asText } from './db-values.js';
import { UNKNOWN, and, notStrict, or, triAnd, triOr, type TriCond } from './sql-cond.js';

const DATE_TIME = {
  name: 'now',
  dbName: 'now',
  kind: 'scalar',
  type: 'DateTime',
  optional: false,
  list: false,
} as const;

/** Compiles a function call to a value (a condition is wrapped as a `bool` value). */
export function compileCall(expr: Expr & { kind: 'call' }, ctx: CompileContext): Val {
  const bool = (tri: TriCond): Val => ({ kind: 'bool', tri });
  switch (expr.name) {
    case 'now':
      return {
        kind: 'sql',
        sql: ctx.dialect === 'sqlite' ? sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` : sql`now()`,
        nullable: false,
        field: DATE_TIME,
      };
    case 'currentModel':
      return { kind: 'const', value: applyCasing(ctx.model, literalArg(expr, 0)) };
    case 'currentOperation':
      return { kind: 'const', value: applyCasing(ctx.operation, literalArg(expr, 0)) };
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return bool(compileStringMatch(expr, ctx));
    case 'has':
      return bool(compileHas(expr, ctx));
    case 'hasSome':
    case 'hasEvery':
      return bool(compileHasMany(expr, ctx));
    case 'isEmpty':
      return bool(compileIsEmpty(expr, ctx));
    case 'check':
      return bool(compileCheck(expr, ctx));
    case 'length':
    case 'regex':
    case 'email':
    case 'url':
    case 'datetime':
      throw new WardenError(
        'CONFIG',
        `${expr.name}() is a validation function and cannot be used in an access policy`,
        { model: ctx.model },
      );
  }
}

function literalArg(expr: Expr & { kind: 'call' }, i: number): unknown {
  const a = expr.args[i];
  return a?.kind === 'literal' ? a.value : undefined;
}

function arg(expr: Expr & { kind: 'call' }, i: number, ctx: CompileContext): Val {
  const a = expr.args[i];
  if (!a) {
    throw new WardenError('CONFIG', `${expr.name}() is missing argument ${i + 1}`, {
      model: ctx.model,
    });
  }
  return compileValue(a, ctx);
}

function isNullConst(v: Val): boolean {
  return v.kind === 'const' && (v.value === null || v.value === undefined);
}

/** contains / startsWith / endsWith; a NULL operand makes both parts NULL, i.e. UNKNOWN. */
function compileStringMatch(expr: Expr & { kind: 'call' }, ctx: CompileContext): TriCond {
  const target = arg(expr, 0, ctx);
  const search = arg(expr, 1, ctx);
  if (isNullConst(target) || isNullConst(search)) return UNKNOWN;
  const ci = literalArg(expr, 2) === true;
  const text = (v: Val): RawBuilder<unknown> => {
    const s = asText(ctx.dialect, valueSql(v, ctx));
    return ci ? sql`lower(${s})` : s;
  };
  const f = text(target);
  const s = text(search);
  let core: RawBuilder<SqlBool>;
  if (ctx.dialect === 'sqlite') {
    core =
      expr.name === 'contains'
        ? sql`instr(${f}, ${s}) > 0`
        : expr.name === 'startsWith'
          ? sql`substr(${f}, 1, length(${s})) = ${s}`
          : sql`substr(${f}, length(${f}) - length(${s}) + 1) = ${s}`;
  } else {
    core =
      expr.name === 'contains'
        ? sql`strpos(${f}, ${s}) > 0`
        : expr.name === 'startsWith'
          ? sql`left(${f}, length(${s})) = ${s}`
          : sql`right(${f}, length(${s})) = ${s}`;
  }
  return { t: core, f: sql<SqlBool>`not (${core})` };
}

function listItems(v: Val, ctx: CompileContext, fn: string): Val[] | null {
  if (v.kind === 'array') return [...v.items];
  if (v.kind === 'const' && Array.isArray(v.value)) {
    return (v.value as unknown[]).map((value): Val => ({ kind: 'const', value }));
  }
  if (isNullConst(v)) return null;
  throw new WardenError('CONFIG', `${fn}() needs a list of values as its second argument`, {
    model: ctx.model,
  });
}

/** `has(list, value)`; a constant list (from `auth()`) turns it into `value in list`. */
function compileHas(expr: Expr & { kind: 'call' }, ctx: CompileContext): TriCond {
  const list = arg(expr, 0, ctx);
  const value = arg(expr, 1, ctx);
  if (isNullConst(list) || isNullConst(value)) return UNKNOWN;
  if (list.kind === 'sql') return hasValue(list, value, ctx);
  const items = listItems(list, ctx, 'has');
  if (!items) return UNKNOWN;
  return triOr(...items.map((item) => constHas(item, value, ctx)));
}

function constHas(item: Val, value: Val, ctx: CompileContext): TriCond {
  if (isNullConst(item)) return { t: false, f: true };
  const a = valueSql(value, ctx, value.kind === 'sql' ? value.field : undefined);
  const b = valueSql(item, ctx, value.kind === 'sql' ? value.field : undefined);
  return { t: sql<SqlBool>`${a} = ${b}`, f: sql<SqlBool>`${a} <> ${b}` };
}

/** hasSome / hasEvery over a list column and a list of values (null values are skipped). */
function compileHasMany(expr: Expr & { kind: 'call' }, ctx: CompileContext): TriCond {
  const list = arg(expr, 0, ctx);
  const wanted = arg(expr, 1, ctx);
  if (isNullConst(list) || isNullConst(wanted)) return UNKNOWN;
  if (list.kind !== 'sql') {
    throw new WardenError('CONFIG', `${expr.name}() needs a list field as its first argument`, {
      model: ctx.model,
    });
  }
  const items = listItems(wanted, ctx, expr.name);
  if (!items) return UNKNOWN;
  const each = items.filter((i) => !isNullConst(i)).map((i) => hasValue(list, i, ctx));
  const present = sql<SqlBool>`${list.sql} is not null`;
  if (each.length === 0) {
    return expr.name === 'hasSome' ? { t: false, f: present } : { t: present, f: false };
  }
  const combined = expr.name === 'hasSome' ? triOr(...each) : triAnd(...each);
  return { t: and(present, combined.t), f: and(present, or(combined.f)) };
}

function compileIsEmpty(expr: Expr & { kind: 'call' }, ctx: CompileContext): TriCond {
  const list = arg(expr, 0, ctx);
  if (isNullConst(list)) return UNKNOWN;
  if (list.kind === 'const' && Array.isArray(list.value)) {
    return list.value.length === 0 ? { t: true, f: false } : { t: false, f: true };
  }
  if (list.kind !== 'sql') {
    throw new WardenError('CONFIG', 'isEmpty() needs a list field', { model: ctx.model });
  }
  const size =
    ctx.dialect === 'sqlite'
      ? sql`json_array_length(${list.sql})`
      : sql`coalesce(cardinality(${list.sql}), -1)`;
  const empty = sql<SqlBool>`${size} = 0`;
  return { t: empty, f: and(sql<SqlBool>`${list.sql} is not null`, notStrict(empty)) };
}
