import type { Expr, FieldDef, PolicyOperation } from '@warden/schema';
import { WardenError } from '@warden/schema';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { evaluateCondition } from '../evaluate/reference-evaluator.js';
import { compareValues, normalizeValue, valuesEqual } from '../evaluate/js-values.js';
import { entityModelOf, fieldOfExpr, isRowIndependent, usesFuture } from '../expr-types.js';
import { authModel, modelRules, requireModel } from '../rules.js';
import type { PolicyRow } from '../types.js';
import { compileCall } from './compile-functions.js';
import type { CompileContext, RowRef, Val } from './compile-context.js';
import { columnRef, param, toDbValue } from './db-values.js';
import { relationChain } from './relation-chain.js';
import { fixFields } from './fixed-fields.js';
import { givenRows } from '../semantics/missing.js';
import {
  FALSE,
  SQL_TRUTH,
  TRUE,
  UNKNOWN,
  and,
  notStrict,
  or,
  triNot,
  triOf,
  twoValued,
  type Cond,
  type TriCond,
} from './sql-cond.js';
import { ConditionVisitor } from '../semantics/condition-visitor.js';
import type { SplitRules } from '../semantics/truth.js';

/**
 * "Some allow is TRUE and every deny is FALSE" for `operation` on the row `ref` of `model`,
 * as one positive condition. Entering a `model:operation` pair already being compiled
 * through `check()` yields false: a delegation cycle never grants.
 */
export function permittedCond(
  ctx: CompileContext,
  model: string,
  operation: PolicyOperation,
  ref: RowRef,
  futureRef: RowRef = ref,
  fixed?: Readonly<Record<string, boolean>>,
): Cond {
  const { allows, denies } = modelRules(requireModel(ctx.schema, model), operation);
  const cond = (r: { condition: Expr }) => ({
    condition: fixed ? fixFields(r.condition, model, fixed) : r.condition,
  });
  const inner: CompileContext = {
    ...ctx,
    model,
    operation,
    thisRef: ref,
    futureRef,
    scope: ref,
  };
  return SQL.permitted({ allows: allows.map(cond), denies: denies.map(cond) }, inner);
}

/** A field's rules as one positive condition: with no allow, the field follows its model. */
export function fieldPermittedCond(
  ctx: CompileContext,
  rules: SplitRules<{ readonly condition: Expr }>,
): Cond {
  return SQL.permitted(rules, ctx, true);
}

/** Compiles a condition to its TRUE / FALSE parts (see `TriCond`). */
export function compileBool(expr: Expr, ctx: CompileContext): TriCond {
  return SQL.visit(expr, ctx);
}

/**
 * The SQL compiler's walk over conditions: connectives, quantifiers over `auth()` data and
 * rule combination are the shared `ConditionVisitor`'s; comparisons, values and collections
 * of stored rows (`EXISTS`) are SQL.
 */
class SqlCondition extends ConditionVisitor<TriCond, Cond, CompileContext> {
  constructor() {
    super(SQL_TRUTH);
  }

  override visit(expr: Expr, ctx: CompileContext): TriCond {
    if (isRowIndependent(expr, ctx.scope.kind === 'alias')) return fold(expr, ctx);
    if (ctx.preUpdate && usesFuture(expr) && !isConnective(expr)) return UNDECIDED_YET;
    return super.visit(expr, ctx);
  }

  protected visitComparison(expr: Expr & { kind: 'binary' }, ctx: CompileContext): TriCond {
    switch (expr.op) {
      case '==':
        return compileEquality(expr.left, expr.right, ctx);
      case '!=':
        return triNot(compileEquality(expr.left, expr.right, ctx));
      case '<':
      case '<=':
      case '>':
      case '>=':
        return compileOrdering(expr.op, expr.left, expr.right, ctx);
      case 'in':
        return compileIn(expr.left, expr.right, ctx);
      case '&&':
      case '||':
        return this.visit(expr, ctx);
    }
  }

  protected visitValue(expr: Expr, ctx: CompileContext): TriCond {
    return valueToTri(compileValue(expr, ctx), ctx);
  }

  protected visitCall(expr: Expr & { kind: 'call' }, ctx: CompileContext): TriCond {
    return valueToTri(compileValue(expr, ctx), ctx);
  }

  protected elementsOf(
    expr: Expr & { kind: 'collection' },
    ctx: CompileContext,
  ): readonly CompileContext[] | null | undefined {
    const c = compileValue(expr.collection, ctx);
    if (c.kind === 'rows') return undefined;
    if (c.kind !== 'constRows' && !(c.kind === 'entity' && c.ids === null)) {
      throw new WardenError('CONFIG', 'A collection predicate needs a to-many relation', {
        model: ctx.model,
      });
    }
    const rows = c.kind === 'constRows' ? c.rows : null;
    const model = c.model;
    return rows && rows.map((row) => ({ ...ctx, scope: { kind: 'const', row, model } }));
  }

  /** `EXISTS` / `NOT EXISTS` over the related rows as stored. */
  protected visitStoredCollection(
    expr: Expr & { kind: 'collection' },
    ctx: CompileContext,
  ): TriCond {
    const c = compileValue(expr.collection, ctx) as Val & { kind: 'rows' };
    const chain = relationChain(ctx.schema, c.alias, c.model, c.hops, ctx.aliases);
    const p = this.visit(expr.predicate, {
      ...ctx,
      scope: { kind: 'alias', alias: chain.alias, model: chain.model },
    });
    const exists = (cond: Cond): Cond =>
      cond === false
        ? false
        : sql<SqlBool>`exists (select 1 from ${chain.from} where ${and(chain.where, cond)})`;
    const none = (cond: Cond): Cond => notStrict(exists(cond));
    switch (expr.quantifier) {
      case 'some':
        return { t: exists(p.t), f: none(notStrict(p.f)) };
      case 'every':
        return { t: none(notStrict(p.t)), f: exists(p.f) };
      case 'none':
        return { t: none(notStrict(p.f)), f: exists(p.t) };
    }
  }
}

const SQL = new SqlCondition();

/**
 * Before an update, a condition on `future()` cannot be known: it counts as both TRUE (for
 * allows) and FALSE (for denies), so the pre-update filter over-approximates what may be
 * updated and the post-update check decides exactly.
 */
const UNDECIDED_YET: TriCond = { t: true, f: true };

function isConnective(expr: Expr): boolean {
  return (
    expr.kind === 'unary' || (expr.kind === 'binary' && (expr.op === '&&' || expr.op === '||'))
  );
}

function fold(expr: Expr, ctx: CompileContext): TriCond {
  const scope =
    ctx.scope.kind === 'const' && ctx.scope.row
      ? { model: ctx.scope.model, row: ctx.scope.row }
      : undefined;
  const { schema, model, operation, user } = ctx;
  return triOf(
    evaluateCondition(schema, expr, { model, operation, user, ...(scope ? { scope } : {}) }),
  );
}

function valueToTri(v: Val, ctx: CompileContext): TriCond {
  switch (v.kind) {
    case 'bool':
      return v.tri;
    case 'const':
      if (v.value === null || v.value === undefined) return UNKNOWN;
      if (typeof v.value === 'boolean') return triOf(v.value);
      break;
    case 'sql': {
      const yes = toDbValue(ctx.schema, ctx.dialect, v.field, true);
      const no = toDbValue(ctx.schema, ctx.dialect, v.field, false);
      return {
        t: sql<SqlBool>`${v.sql} = ${ruleConstant(yes)}`,
        f: sql<SqlBool>`${v.sql} = ${ruleConstant(no)}`,
      };
    }
    case 'array':
    case 'constRows':
    case 'entity':
    case 'rows':
      break;
  }
  throw new WardenError('CONFIG', `A policy condition is not a boolean (${v.kind})`, {
    model: ctx.model,
  });
}

interface Nav {
  readonly base: RowRef;
  readonly hops: readonly FieldDef[];
}

function navOf(expr: Expr, ctx: CompileContext): Nav | undefined {
  switch (expr.kind) {
    case 'this':
      return { base: ctx.thisRef, hops: [] };
    case 'future':
      return { base: ctx.futureRef, hops: [] };
    case 'auth':
      return {
        base: {
          kind: 'const',
          row: ctx.user ?? null,
          model: authModel(ctx.schema)?.name ?? 'User',
          authPath: [],
        },
        hops: [],
      };
    case 'field':
      return { base: ctx.scope, hops: [fieldOfExpr(ctx.schema, expr)!] };
    case 'member': {
      const object = navOf(expr.object, ctx);
      if (!object) {
        throw new WardenError('CONFIG', `"${expr.name}" is read from a value that is not a row`);
      }
      return { base: object.base, hops: [...object.hops, fieldOfExpr(ctx.schema, expr)!] };
    }
    case 'array':
    case 'binary':
    case 'call':
    case 'collection':
    case 'enum':
    case 'literal':
    case 'null':
    case 'unary':
      return undefined;
  }
}

function constEntity(
  ctx: CompileContext,
  model: string,
  row: PolicyRow | null,
  authPath?: readonly string[],
): Val {
  if (!row) return { kind: 'entity', model, ids: null, isNull: TRUE };
  const def = requireModel(ctx.schema, model);
  const ids = def.idFields.map((id): Val => ({
    kind: 'const',
    value: normalizeValue(def.fields[id], row[id]),
    ...(def.fields[id] ? { field: def.fields[id] } : {}),
    ...(authPath ? { authPath: [...authPath, id] } : {}),
  }));
  return { kind: 'entity', model, ids, isNull: FALSE };
}

function navValue(nav: Nav, ctx: CompileContext): Val {
  const { base, hops } = nav;
  const last = hops[hops.length - 1];
  const prefix = hops.slice(0, -1);
  for (const hop of prefix) {
    if (hop.kind !== 'relation' || hop.list) {
      throw new WardenError(
        'CONFIG',
        `"${hop.name}" is not a to-one relation: use a collection predicate (?[ ], ![ ], ^[ ])`,
        { model: ctx.model },
      );
    }
  }
  if (base.kind === 'const') {
    let row: PolicyRow | null = base.row;
    for (const hop of prefix) row = (row?.[hop.name] as PolicyRow | undefined) ?? null;
    const path = base.authPath && [...base.authPath, ...prefix.map((h) => h.name)];
    if (!last) return constEntity(ctx, base.model, row, path);
    const raw = row?.[last.name] ?? null;
    if (last.kind !== 'relation') {
      return {
        kind: 'const',
        value: normalizeValue(last, raw),
        field: last,
        ...(path && !last.list ? { authPath: [...path, last.name] } : {}),
      };
    }
    if (last.list) {
      return { kind: 'constRows', model: last.type, rows: givenRows(raw) };
    }
    return constEntity(ctx, last.type, raw as PolicyRow | null, path && [...path, last.name]);
  }
  if (!last) return aliasEntity(ctx, base.alias, base.model);
  if (last.kind !== 'relation') {
    if (prefix.length === 0) {
      return {
        kind: 'sql',
        sql: columnRef(ctx.dialect, base.alias, last),
        nullable: last.optional,
        field: last,
      };
    }
    const viaKey = foreignKeyFor(ctx, base.model, prefix, last);
    if (viaKey) {
      return {
        kind: 'sql',
        sql: columnRef(ctx.dialect, base.alias, viaKey),
        nullable: viaKey.optional,
        field: last,
      };
    }
    const chain = relationChain(ctx.schema, base.alias, base.model, prefix, ctx.aliases);
    const column = columnRef(ctx.dialect, chain.alias, last);
    return {
      kind: 'sql',
      sql: sql`(select ${column} from ${chain.from} where ${chain.where})`,
      nullable: true,
      field: last,
    };
  }
  if (last.list) return { kind: 'rows', alias: base.alias, model: base.model, hops };
  const target = requireModel(ctx.schema, last.type);
  const relation = last.relation!;
  const source = requireModel(ctx.schema, base.model);
  if (
    prefix.length === 0 &&
    relation.fields &&
    relation.references &&
    relation.references.join() === target.idFields.join()
  ) {
    const fks = relation.fields.map((f) => source.fields[f]!);
    const ids = fks.map((fk, i): Val => ({
      kind: 'sql',
      sql: columnRef(ctx.dialect, base.alias, fk),
      nullable: fk.optional,
      field: target.fields[target.idFields[i]!]!,
    }));
    const first = fks[0]!;
    return {
      kind: 'entity',
      model: target.name,
      ids,
      isNull: first.optional
        ? {
            t: sql<SqlBool>`${sql.ref(`${base.alias}.${first.dbName}`)} is null`,
            f: sql<SqlBool>`${sql.ref(`${base.alias}.${first.dbName}`)} is not null`,
          }
        : FALSE,
    };
  }
  const chain = relationChain(ctx.schema, base.alias, base.model, hops, ctx.aliases);
  const ids = target.idFields.map((id): Val => {
    const field = target.fields[id]!;
    const column = columnRef(ctx.dialect, chain.alias, field);
    return {
      kind: 'sql',
      sql: sql`(select ${column} from ${chain.from} where ${chain.where})`,
      nullable: true,
      field,
    };
  });
  const exists = sql<SqlBool>`exists (select 1 from ${chain.from} where ${chain.where})`;
  return { kind: 'entity', model: target.name, ids, isNull: { t: notStrict(exists), f: exists } };
}

function aliasEntity(ctx: CompileContext, alias: string, model: string): Val {
  const def = requireModel(ctx.schema, model);
  const ids = def.idFields.map((id): Val => {
    const field = def.fields[id]!;
    return { kind: 'sql', sql: columnRef(ctx.dialect, alias, field), nullable: false, field };
  });
  return { kind: 'entity', model, ids, isNull: FALSE };
}

/** `author.id` is the row's own `authorId`: no subquery needed. */
function foreignKeyFor(
  ctx: CompileContext,
  model: string,
  prefix: readonly FieldDef[],
  last: FieldDef,
): FieldDef | undefined {
  const [only] = prefix;
  if (prefix.length !== 1 || !only?.relation?.fields || !only.relation.references) return undefined;
  const i = only.relation.references.indexOf(last.name);
  const fk = i >= 0 ? only.relation.fields[i] : undefined;
  return fk ? requireModel(ctx.schema, model).fields[fk] : undefined;
}

/** Compiles an expression used as a value. */
export function compileValue(expr: Expr, ctx: CompileContext): Val {
  switch (expr.kind) {
    case 'literal':
      return {
        kind: 'const',
        value: typeof expr.value === 'object' ? BigInt(expr.value.bigint) : expr.value,
      };
    case 'null':
      return { kind: 'const', value: null };
    case 'enum':
      return { kind: 'const', value: expr.value, enumName: expr.enum };
    case 'this':
    case 'future':
    case 'auth':
    case 'field':
    case 'member':
      return navValue(navOf(expr, ctx)!, ctx);
    case 'array':
      return { kind: 'array', items: expr.items.map((i) => compileValue(i, ctx)) };
    case 'call':
      return compileCall(expr, ctx);
    case 'unary':
    case 'binary':
    case 'collection':
      return { kind: 'bool', tri: compileBool(expr, ctx) };
  }
}

/** The SQL of a value, constants coerced to the type of `hint` (the field compared with). */
export function valueSql(v: Val, ctx: CompileContext, hint?: FieldDef): RawBuilder<unknown> {
  switch (v.kind) {
    case 'const': {
      const field = v.field ?? hint;
      if (v.authPath && ctx.authParam) {
        const { schema, dialect } = ctx;
        return param(
          ctx.authParam(v.authPath, (raw) =>
            toDbValue(schema, dialect, field, normalizeValue(v.field, raw), v.enumName),
          ),
        );
      }
      return ruleConstant(toDbValue(ctx.schema, ctx.dialect, field, v.value, v.enumName));
    }
    case 'sql':
      return v.sql;
    case 'bool': {
      const yes = toDbValue(ctx.schema, ctx.dialect, undefined, true);
      const no = toDbValue(ctx.schema, ctx.dialect, undefined, false);
      const t = v.tri.t === true ? sql`true` : v.tri.t === false ? sql`false` : v.tri.t;
      const f = v.tri.f === true ? sql`true` : v.tri.f === false ? sql`false` : v.tri.f;
      return sql`(case when ${t} then ${ruleConstant(yes)} when ${f} then ${ruleConstant(no)} else null end)`;
    }
    case 'array':
    case 'constRows':
    case 'entity':
    case 'rows':
      throw new WardenError('CONFIG', `A ${v.kind} value cannot be compared here`, {
        model: ctx.model,
      });
  }
}

/**
 * A constant of the rule itself (not a user value) is part of the statement's shape, so it is
 * inlined: the planner sees `published = 1`, as in a hand-written query. Strings and other
 * kinds stay parameters.
 */
function ruleConstant(value: unknown): RawBuilder<unknown> {
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isSafeInteger(value))) {
    return sql.lit(value);
  }
  return param(value);
}

function isNullable(v: Val): boolean {
  return v.kind === 'bool' || (v.kind === 'sql' && v.nullable);
}

function fieldOf(v: Val): FieldDef | undefined {
  return v.kind === 'const' || v.kind === 'sql' ? v.field : undefined;
}

function isNullTri(v: Val, ctx: CompileContext): TriCond {
  switch (v.kind) {
    case 'const':
      return triOf(v.value === null || v.value === undefined);
    case 'sql':
      return v.nullable
        ? { t: sql<SqlBool>`${v.sql} is null`, f: sql<SqlBool>`${v.sql} is not null` }
        : FALSE;
    case 'entity':
      return v.isNull;
    case 'bool':
      return { t: and(notStrict(v.tri.t), notStrict(v.tri.f)), f: or(v.tri.t, v.tri.f) };
    case 'rows':
    case 'constRows':
    case 'array':
      return FALSE;
  }
  void ctx;
}

function distinct(ctx: CompileContext, a: RawBuilder<unknown>, b: RawBuilder<unknown>) {
  return ctx.dialect === 'sqlite'
    ? sql<SqlBool>`${a} is not ${b}`
    : sql<SqlBool>`${a} is distinct from ${b}`;
}

function notDistinct(ctx: CompileContext, a: RawBuilder<unknown>, b: RawBuilder<unknown>) {
  return ctx.dialect === 'sqlite'
    ? sql<SqlBool>`${a} is ${b}`
    : sql<SqlBool>`${a} is not distinct from ${b}`;
}

function isConst(v: Val): v is Val & { kind: 'const' } {
  return v.kind === 'const';
}

function compileEquality(left: Expr, right: Expr, ctx: CompileContext): TriCond {
  if (left.kind === 'null') return isNullTri(compileValue(right, ctx), ctx);
  if (right.kind === 'null') return isNullTri(compileValue(left, ctx), ctx);
  const l = compileValue(left, ctx);
  const r = compileValue(right, ctx);
  const entity =
    entityModelOf(ctx.schema, left, ctx.model) ?? entityModelOf(ctx.schema, right, ctx.model);
  if (entity !== undefined) return entityEquality(l, r, ctx);
  return scalarEquality(l, r, ctx);
}

function entityEquality(l: Val, r: Val, ctx: CompileContext): TriCond {
  if (l.kind !== 'entity' || r.kind !== 'entity') {
    throw new WardenError('CONFIG', 'A row can only be compared with a row or null', {
      model: ctx.model,
    });
  }
  if (!l.ids || !r.ids) return FALSE;
  const conds: Cond[] = [];
  for (let i = 0; i < l.ids.length; i++) {
    const a = l.ids[i]!;
    const b = r.ids[i];
    if (!b) return FALSE;
    if ((isConst(a) && a.value === null) || (isConst(b) && b.value === null)) return FALSE;
    if (isConst(a) && isConst(b)) {
      conds.push(valuesEqual(a.value, b.value));
      continue;
    }
    const hint = fieldOf(a) ?? fieldOf(b);
    conds.push(sql<SqlBool>`${valueSql(a, ctx, hint)} = ${valueSql(b, ctx, hint)}`);
  }
  return twoValued(and(...conds));
}

function scalarEquality(l: Val, r: Val, ctx: CompileContext): TriCond {
  if (isConst(l) && isConst(r)) {
    const hint = l.field ?? r.field;
    return triOf(valuesEqual(normalizeValue(hint, l.value), normalizeValue(hint, r.value)));
  }
  if (isConst(l) && (l.value === null || l.value === undefined)) return isNullTri(r, ctx);
  if (isConst(r) && (r.value === null || r.value === undefined)) return isNullTri(l, ctx);
  const hint = fieldOf(l) ?? fieldOf(r);
  const a = valueSql(l, ctx, hint);
  const b = valueSql(r, ctx, hint);
  if (!isNullable(l) && !isNullable(r)) {
    return { t: sql<SqlBool>`${a} = ${b}`, f: sql<SqlBool>`${a} <> ${b}` };
  }
  const t = isConst(l) || isConst(r) ? sql<SqlBool>`${a} = ${b}` : notDistinct(ctx, a, b);
  return { t, f: distinct(ctx, a, b) };
}

const inverse = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' } as const;

function compileOrdering(
  op: '<' | '<=' | '>' | '>=',
  left: Expr,
  right: Expr,
  ctx: CompileContext,
): TriCond {
  const l = compileValue(left, ctx);
  const r = compileValue(right, ctx);
  if ((isConst(l) && l.value === null) || (isConst(r) && r.value === null)) return UNKNOWN;
  if (isConst(l) && isConst(r)) {
    const hint = l.field ?? r.field;
    const c = compareValues(normalizeValue(hint, l.value), normalizeValue(hint, r.value));
    if (c === undefined) return UNKNOWN;
    return triOf(op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0);
  }
  const hint = fieldOf(l) ?? fieldOf(r);
  let a = valueSql(l, ctx, hint);
  let b = valueSql(r, ctx, hint);
  // Order strings by code point on PostgreSQL, as SQLite and the reference evaluator do.
  if (ctx.dialect === 'postgresql' && hint?.type === 'String') {
    if (l.kind === 'sql') a = sql`(${a} collate "C")`;
    else b = sql`(${b} collate "C")`;
  }
  return {
    t: sql<SqlBool>`${a} ${sql.raw(op)} ${b}`,
    f: sql<SqlBool>`${a} ${sql.raw(inverse[op])} ${b}`,
  };
}

/** `x in list`: UNKNOWN when `x` or the list is null; null items never match. */
function compileIn(left: Expr, right: Expr, ctx: CompileContext): TriCond {
  const l = compileValue(left, ctx);
  const r = compileValue(right, ctx);
  if (isConst(l) && (l.value === null || l.value === undefined)) return UNKNOWN;
  if (r.kind === 'sql' && r.field?.list) {
    return hasValue(r, l, ctx);
  }
  let items: Val[];
  if (r.kind === 'array') items = [...r.items];
  else if (isConst(r) && Array.isArray(r.value)) {
    items = (r.value as unknown[]).map((value): Val => ({ kind: 'const', value }));
  } else if (isConst(r) && (r.value === null || r.value === undefined)) return UNKNOWN;
  else throw new WardenError('CONFIG', '`in` needs a list on its right', { model: ctx.model });
  items = items.filter((i) => !(isConst(i) && (i.value === null || i.value === undefined)));
  const hint = fieldOf(l);
  const a = valueSql(l, ctx, hint);
  const present = isNullable(l) ? sql<SqlBool>`${a} is not null` : true;
  if (items.length === 0) return { t: false, f: present };
  if (items.every(isConst)) {
    const list = sql.join(items.map((i) => valueSql(i, ctx, hint)));
    return { t: sql<SqlBool>`${a} in (${list})`, f: sql<SqlBool>`${a} not in (${list})` };
  }
  const eqs = items.map((i) => {
    const b = valueSql(i, ctx, hint);
    return {
      t: sql<SqlBool>`${a} = ${b}`,
      f: isNullable(i) ? sql<SqlBool>`(${b} is null or ${a} <> ${b})` : sql<SqlBool>`${a} <> ${b}`,
    };
  });
  return { t: or(...eqs.map((e) => e.t)), f: and(present, ...eqs.map((e) => e.f)) };
}

/** `has(list, value)` for a list column: UNKNOWN when either is null. */
export function hasValue(list: Val & { kind: 'sql' }, value: Val, ctx: CompileContext): TriCond {
  if (isConst(value) && (value.value === null || value.value === undefined)) return UNKNOWN;
  const v = valueSql(value, ctx, list.field && { ...list.field, list: false });
  const core =
    ctx.dialect === 'sqlite'
      ? sql<SqlBool>`exists (select 1 from json_each(${list.sql}) where value = ${v})`
      : sql<SqlBool>`${v} = any(${list.sql})`;
  const guard = and(
    sql<SqlBool>`${list.sql} is not null`,
    isNullable(value) ? sql<SqlBool>`${v} is not null` : true,
  );
  return { t: and(guard, core), f: and(guard, notStrict(core)) };
}

/** `check(relation, op?)`: the related row exists and its own rule for `op` permits it. */
export function compileCheck(expr: Expr & { kind: 'call' }, ctx: CompileContext): TriCond {
  const [target, opArg] = expr.args;
  const nav = target && navOf(target, ctx);
  if (!nav) throw new WardenError('CONFIG', 'check() needs a relation field', { model: ctx.model });
  const last = nav.hops[nav.hops.length - 1];
  if (last && (last.kind !== 'relation' || last.list)) {
    throw new WardenError('CONFIG', `check() needs a to-one relation, not "${last.name}"`, {
      model: ctx.model,
    });
  }
  const model = last ? last.type : nav.base.model;
  const operation = (opArg?.kind === 'literal' ? opArg.value : ctx.operation) as PolicyOperation;
  const delegation = ctx.delegation.enter(model, operation);
  if (!delegation) return FALSE;
  const inner: CompileContext = { ...ctx, delegation };
  if (nav.base.kind === 'const') {
    const v = navValue(nav, ctx);
    if (v.kind !== 'entity' || v.ids === null) return FALSE;
    let row: PolicyRow | null = nav.base.row;
    for (const hop of nav.hops) row = (row?.[hop.name] as PolicyRow | undefined) ?? null;
    return twoValued(permittedCond(inner, model, operation, { kind: 'const', row, model }));
  }
  if (nav.hops.length === 0) {
    return twoValued(permittedCond(inner, model, operation, nav.base));
  }
  const chain = relationChain(ctx.schema, nav.base.alias, nav.base.model, nav.hops, ctx.aliases);
  const p = permittedCond(inner, model, operation, {
    kind: 'alias',
    alias: chain.alias,
    model: chain.model,
  });
  if (p === false) return FALSE;
  return twoValued(sql<SqlBool>`exists (select 1 from ${chain.from} where ${and(chain.where, p)})`);
}
