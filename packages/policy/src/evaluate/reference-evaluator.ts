import type { Expr, FieldDef, PolicyOperation, SchemaDef } from '@warden/schema';
import { WardenError } from '@warden/schema';
import { applyCasing, entityModelOf, fieldOfExpr } from '../expr-types.js';
import { fieldRules, modelRules, requireModel } from '../rules.js';
import type { PolicyRow, PolicyUser, Tri } from '../types.js';
import { compareValues, normalizeValue, valuesEqual } from './js-values.js';
import { TRI } from './kleene.js';
import { ConditionVisitor } from '../semantics/condition-visitor.js';
import { Delegation } from '../semantics/delegation.js';
import { givenRows } from '../semantics/missing.js';

/**
 * Loads what a relation of a stored row points to: the related row (to-one, `null` when
 * there is none) or rows (to-many), keyed by field name. The default reads nested data from
 * the row itself (`row.author`), which is how create inputs and `auth()` carry relations.
 */
export type RelatedRowsResolver = (
  model: string,
  row: PolicyRow,
  relation: string,
) => PolicyRow | readonly PolicyRow[] | null | undefined;

export interface EvaluateOptions {
  /** The row after the update, for `future()` in update rules. */
  readonly futureRow?: PolicyRow;
  /** The time `now()` returns; the current time when absent. */
  readonly now?: Date;
}

/** A row of `model`, as a value inside an expression. */
class RowValue {
  constructor(
    readonly model: string,
    readonly row: PolicyRow,
    /** Comes from the `auth()` object: relations are read from nested data, never loaded. */
    readonly fromAuth: boolean,
  ) {}
}

interface EvalContext {
  readonly schema: SchemaDef;
  readonly user: PolicyUser;
  /** The model whose rule is evaluated. */
  readonly model: string;
  readonly operation: PolicyOperation;
  readonly thisRow: RowValue;
  readonly futureRow: RowValue;
  /** The row `field` nodes read: the rule's row, or a collection element. */
  readonly scope: RowValue;
  readonly resolve: RelatedRowsResolver;
  readonly now: Date;
  /** The rules being evaluated through `check()`, to stop cycles. */
  readonly delegation: Delegation;
}

const nestedResolver: RelatedRowsResolver = (_model, row, relation) =>
  row[relation] as PolicyRow | readonly PolicyRow[] | null | undefined;

/** What a walk over one rule's row needs; the one place an `EvalContext` is made. */
function evalContext(
  schema: SchemaDef,
  model: string,
  operation: PolicyOperation,
  user: PolicyUser,
  row: PolicyRow,
  resolve: RelatedRowsResolver,
  options: EvaluateOptions,
  delegation = Delegation.start(model, operation),
): EvalContext {
  const self = new RowValue(model, row, false);
  return {
    schema,
    user: user ?? null,
    model,
    operation,
    thisRow: self,
    futureRow: options.futureRow ? new RowValue(model, options.futureRow, false) : self,
    scope: self,
    resolve,
    now: options.now ?? new Date(),
    delegation,
  };
}

/**
 * The reference evaluator: decides in plain JavaScript whether `operation` on `row` of
 * `model` is permitted for `user`, with exactly the semantics of the SQL compiler (some allow
 * TRUE, every deny FALSE; three-valued inside). It evaluates create rules whose inputs are
 * all at hand, and it is the oracle of the differential tests.
 *
 * @example
 * ```ts
 * evaluateRule(schema, 'Post', 'read', { id: 'u1' }, { id: 'p1', status: 'draft', authorId: 'u1' });
 * // true: the author reads their own draft
 * ```
 */
export function evaluateRule(
  schema: SchemaDef,
  model: string,
  operation: PolicyOperation,
  user: PolicyUser,
  row: PolicyRow,
  resolve: RelatedRowsResolver = nestedResolver,
  options: EvaluateOptions = {},
): boolean {
  return permitted(evalContext(schema, model, operation, user, row, resolve, options));
}

/**
 * Whether a field of a readable/updatable row may be read or updated: with no allow rule for
 * the operation the field follows the model; otherwise some allow must be TRUE. Every deny
 * must be FALSE.
 */
export function evaluateFieldRule(
  schema: SchemaDef,
  model: string,
  field: string,
  operation: 'read' | 'update',
  user: PolicyUser,
  row: PolicyRow,
  resolve: RelatedRowsResolver = nestedResolver,
  options: EvaluateOptions = {},
): boolean {
  const def = requireModel(schema, model).fields[field];
  if (!def) throw new WardenError('CONFIG', `Unknown field "${model}.${field}"`);
  const ctx = evalContext(schema, model, operation, user, row, resolve, options);
  return JS.permitted(fieldRules(def, operation), ctx, true);
}

/** What `evaluateCondition` evaluates a condition against. */
export interface ConditionOptions extends EvaluateOptions {
  readonly model: string;
  readonly operation: PolicyOperation;
  readonly user: PolicyUser;
  /** The rule's row (`this`); an empty row when the condition does not read it. */
  readonly row?: PolicyRow | null;
  readonly resolve?: RelatedRowsResolver;
  /** The row `field` nodes read when it is not the rule's row: an element of `auth()` data. */
  readonly scope?: { readonly model: string; readonly row: PolicyRow };
}

/**
 * Evaluates one condition three-valued (`null` = UNKNOWN) against a row; the building block
 * of `evaluateRule`, exported for tests and for folding `auth()`-only parts of rules.
 *
 * @example
 * ```ts
 * evaluateCondition(schema, condition, { model: 'Post', operation: 'read', user: null });
 * // null when the condition reads a member of the (missing) user with `<`
 * ```
 */
export function evaluateCondition(
  schema: SchemaDef,
  condition: Expr,
  options: ConditionOptions,
): Tri {
  const { model, operation, user, row, resolve = nestedResolver, scope } = options;
  const ctx = evalContext(schema, model, operation, user, row ?? {}, resolve, options);
  return JS.visit(
    condition,
    scope ? { ...ctx, scope: new RowValue(scope.model, scope.row, true) } : ctx,
  );
}

/**
 * The value of an expression that reads only `auth()` and constants, for computing the shape
 * of a user: rows come back as `{ row }` objects, lists as arrays.
 */
export function evaluateAuthValue(
  schema: SchemaDef,
  model: string,
  user: PolicyUser,
  expr: Expr,
): unknown {
  const unwrap = (v: unknown): unknown =>
    v instanceof RowValue ? { row: v.row } : Array.isArray(v) ? v.map(unwrap) : v;
  const ctx = evalContext(schema, model, 'read', user, {}, nestedResolver, { now: new Date(0) });
  return unwrap(evalValue(expr, { ...ctx, delegation: Delegation.NONE }));
}

function permitted(ctx: EvalContext): boolean {
  return JS.permitted(modelRules(requireModel(ctx.schema, ctx.model), ctx.operation), ctx);
}

/** A value used as a condition must be a Boolean or null (UNKNOWN). */
function asTri(v: unknown, expr: Expr, ctx: EvalContext): Tri {
  if (v === null || typeof v === 'boolean') return v;
  throw new WardenError('CONFIG', `A policy condition is not a boolean: ${describe(expr)}`, {
    model: ctx.model,
  });
}

/** The evaluator's walk over conditions; values are `evalValue`'s. */
class JsCondition extends ConditionVisitor<Tri, boolean, EvalContext> {
  constructor() {
    super(TRI);
  }

  protected visitComparison(expr: Expr & { kind: 'binary' }, ctx: EvalContext): Tri {
    return evalComparison(expr, ctx);
  }

  protected visitValue(expr: Expr, ctx: EvalContext): Tri {
    return asTri(evalValue(expr, ctx), expr, ctx);
  }

  protected visitCall(expr: Expr & { kind: 'call' }, ctx: EvalContext): Tri {
    return asTri(evalCall(expr, ctx), expr, ctx);
  }

  protected elementsOf(
    expr: Expr & { kind: 'collection' },
    ctx: EvalContext,
  ): readonly EvalContext[] | null {
    const items = evalValue(expr.collection, ctx);
    if (items === null && isConstantData(expr.collection, ctx)) return null;
    const rows = Array.isArray(items) ? (items as unknown[]) : items === null ? [] : [items];
    return rows.map((item) => {
      if (!(item instanceof RowValue)) {
        throw new WardenError('CONFIG', 'A collection predicate needs a to-many relation', {
          model: ctx.model,
        });
      }
      return { ...ctx, scope: item };
    });
  }

  protected visitStoredCollection(): Tri {
    // The evaluator has every collection's rows at hand (elementsOf).
    throw new WardenError('INTERNAL', 'unreachable: a collection without its rows');
  }
}

const JS = new JsCondition();

function describe(expr: Expr): string {
  return expr.kind === 'field' || expr.kind === 'member' ? `${expr.model}.${expr.name}` : expr.kind;
}

function evalValue(expr: Expr, ctx: EvalContext): unknown {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'object' ? BigInt(expr.value.bigint) : expr.value;
    case 'null':
      return null;
    case 'enum':
      return expr.value;
    case 'this':
      return ctx.thisRow;
    case 'future':
      return ctx.futureRow;
    case 'auth': {
      const user = ctx.user;
      if (user === null || user === undefined) return null;
      return new RowValue(entityModelOf(ctx.schema, expr, ctx.model) ?? 'User', user, true);
    }
    case 'field':
      return memberOf(ctx.scope, expr, ctx);
    case 'member': {
      const object = evalValue(expr.object, ctx);
      if (object === null || object === undefined) return null;
      if (!(object instanceof RowValue)) {
        throw new WardenError('CONFIG', `"${expr.name}" is read from a value that is not a row`);
      }
      return memberOf(object, expr, ctx);
    }
    case 'array':
      return expr.items.map((i) => evalValue(i, ctx));
    case 'unary':
    case 'binary':
    case 'collection':
      return JS.visit(expr, ctx);
    case 'call':
      return evalCall(expr, ctx);
  }
}

function memberOf(object: RowValue, expr: Expr & { name: string }, ctx: EvalContext): unknown {
  const field = fieldOfExpr(ctx.schema, expr);
  if (!field) return null;
  if (field.kind !== 'relation') return normalizeValue(field, object.row[field.name]);
  const related = object.fromAuth
    ? nestedResolver(object.model, object.row, field.name)
    : ctx.resolve(object.model, object.row, field.name);
  if (related === undefined && !object.fromAuth) {
    const stub = foreignKeyStub(field, object.row);
    if (stub) return new RowValue(field.type, stub, false);
  }
  // Constant data that does not give a to-many member leaves it UNKNOWN (see givenRows);
  // stored rows without related rows have an empty list.
  if (field.list && object.fromAuth) {
    return givenRows(related)?.map((r) => new RowValue(field.type, r, true)) ?? null;
  }
  if (related === null || related === undefined) return field.list ? [] : null;
  if (Array.isArray(related)) {
    return (related as PolicyRow[]).map((r) => new RowValue(field.type, r, object.fromAuth));
  }
  return new RowValue(field.type, related as PolicyRow, object.fromAuth);
}

/**
 * A row given without its relation loaded still says which row it points to: `authorId`
 * stands for `author` when comparing rows, which is all a create input can offer.
 */
function foreignKeyStub(field: FieldDef, row: PolicyRow): PolicyRow | undefined {
  const { fields, references } = field.relation ?? {};
  if (!fields || !references) return undefined;
  const stub: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    const v = row[fields[i]!];
    if (v === null || v === undefined) return undefined;
    stub[references[i]!] = v;
  }
  return stub;
}

/** `== != < <= > >= in` (the connectives are the shared `ConditionVisitor`'s). */
function evalComparison(expr: Expr & { kind: 'binary' }, ctx: EvalContext): Tri {
  switch (expr.op) {
    case '&&':
    case '||':
      return JS.visit(expr, ctx);
    case '==':
      return equals(expr.left, expr.right, ctx);
    case '!=':
      return !equals(expr.left, expr.right, ctx);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const l = scalar(evalValue(expr.left, ctx), fieldOfExpr(ctx.schema, expr.right));
      const r = scalar(evalValue(expr.right, ctx), fieldOfExpr(ctx.schema, expr.left));
      if (l === null || r === null) return null;
      const c = compareValues(l, r);
      if (c === undefined) return null;
      return expr.op === '<' ? c < 0 : expr.op === '<=' ? c <= 0 : expr.op === '>' ? c > 0 : c >= 0;
    }
    case 'in': {
      const left = scalar(evalValue(expr.left, ctx), fieldOfExpr(ctx.schema, expr.left));
      const right = evalValue(expr.right, ctx);
      if (left === null || right === null || right === undefined) return null;
      if (!Array.isArray(right)) {
        throw new WardenError('CONFIG', '`in` needs a list on its right');
      }
      return right.some((item) => item !== null && valuesEqual(left, item));
    }
  }
}

/** Null-safe `==`: rows compare by id; a missing row equals only `null`. */
function equals(left: Expr, right: Expr, ctx: EvalContext): boolean {
  const entity =
    entityModelOf(ctx.schema, left, ctx.model) ?? entityModelOf(ctx.schema, right, ctx.model);
  const l = evalValue(left, ctx);
  const r = evalValue(right, ctx);
  if (entity !== undefined && left.kind !== 'null' && right.kind !== 'null') {
    if (!(l instanceof RowValue) || !(r instanceof RowValue)) return false;
    const ids = requireModel(ctx.schema, entity).idFields;
    const model = requireModel(ctx.schema, entity);
    return ids.every((id) => {
      const a = normalizeValue(model.fields[id], l.row[id]);
      const b = normalizeValue(model.fields[id], r.row[id]);
      return a !== null && b !== null && valuesEqual(a, b);
    });
  }
  if (l instanceof RowValue || r instanceof RowValue) {
    return (l === null) === (r === null) && l === r;
  }
  return valuesEqual(
    scalar(l, fieldOfExpr(ctx.schema, left) ?? fieldOfExpr(ctx.schema, right)),
    scalar(r, fieldOfExpr(ctx.schema, right) ?? fieldOfExpr(ctx.schema, left)),
  );
}

/** A constant read as the type of the field it is compared with (an ISO string as a date). */
function scalar(v: unknown, field: FieldDef | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (field && !field.list && field.kind !== 'relation') return normalizeValue(field, v);
  return v;
}

/** True when `expr` reads the `auth()` object (directly or through a list element of it). */
function isConstantData(expr: Expr, ctx: EvalContext): boolean {
  if (expr.kind === 'member') return isConstantData(expr.object, ctx);
  return expr.kind === 'auth' || (expr.kind === 'field' && ctx.scope.fromAuth);
}

function evalCall(expr: Expr & { kind: 'call' }, ctx: EvalContext): unknown {
  const arg = (i: number): unknown => {
    const a = expr.args[i];
    return a === undefined ? undefined : evalValue(a, ctx);
  };
  switch (expr.name) {
    case 'contains':
    case 'startsWith':
    case 'endsWith': {
      const s = arg(0);
      const search = arg(1);
      if (s === null || search === null || s === undefined || search === undefined) return null;
      const ci = arg(2) === true;
      const hay = ci ? String(s).toLowerCase() : String(s);
      const needle = ci ? String(search).toLowerCase() : String(search);
      if (expr.name === 'contains') return hay.includes(needle);
      return expr.name === 'startsWith' ? hay.startsWith(needle) : hay.endsWith(needle);
    }
    case 'has': {
      const list = arg(0);
      const v = arg(1);
      if (!Array.isArray(list) || v === null || v === undefined) return null;
      return list.some((e) => valuesEqual(e, v));
    }
    case 'hasSome':
    case 'hasEvery': {
      const list = arg(0);
      const wanted = arg(1);
      if (!Array.isArray(list) || !Array.isArray(wanted)) return null;
      const present = wanted
        .filter((w) => w !== null)
        .map((w) => list.some((e) => valuesEqual(e, w)));
      return expr.name === 'hasSome' ? present.some(Boolean) : present.every(Boolean);
    }
    case 'isEmpty': {
      const list = arg(0);
      return Array.isArray(list) ? list.length === 0 : null;
    }
    case 'now':
      return ctx.now;
    case 'currentModel':
      return applyCasing(ctx.model, arg(0));
    case 'currentOperation':
      return applyCasing(ctx.operation, arg(0));
    case 'check':
      return evalCheck(expr, ctx);
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

function evalCheck(expr: Expr & { kind: 'call' }, ctx: EvalContext): boolean {
  const [target, opArg] = expr.args;
  if (!target) throw new WardenError('CONFIG', 'check() needs a relation field');
  const related = evalValue(target, ctx);
  if (!(related instanceof RowValue)) return false;
  const op = (opArg?.kind === 'literal' ? opArg.value : ctx.operation) as PolicyOperation;
  const delegation = ctx.delegation.enter(related.model, op);
  if (!delegation) return false;
  return permitted({
    ...ctx,
    model: related.model,
    operation: op,
    thisRow: related,
    futureRow: related,
    scope: related,
    delegation,
  });
}
