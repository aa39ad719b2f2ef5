import type { Expr, FieldDef, SchemaDef } from '@warden/schema';
import { WardenError, findField, findModel } from '@warden/schema';
import { authModel } from './rules.js';

/** The field a `field` / `member` node names, or `undefined` for other nodes. */
export function fieldOfExpr(schema: SchemaDef, expr: Expr): FieldDef | undefined {
  if (expr.kind !== 'field' && expr.kind !== 'member') return undefined;
  const model = findModel(schema, expr.model);
  const field = model && findField(model, expr.name);
  if (!field) {
    throw new WardenError('CONFIG', `Unknown field "${expr.model}.${expr.name}" in a policy rule`);
  }
  return field;
}

/**
 * The model an expression denotes a row of (`auth()`, `this`, `future()`, a relation field),
 * or `undefined` for scalar expressions. Comparisons between such expressions compare ids.
 */
export function entityModelOf(
  schema: SchemaDef,
  expr: Expr,
  thisModel: string,
): string | undefined {
  switch (expr.kind) {
    case 'auth':
      return authModel(schema)?.name ?? 'User';
    case 'this':
    case 'future':
      return thisModel;
    case 'field':
    case 'member': {
      const field = fieldOfExpr(schema, expr);
      return field?.kind === 'relation' ? field.type : undefined;
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

/**
 * True when the expression's value does not depend on the row: only literals, `auth()` and
 * what hangs off it, and collection predicates over `auth()` data whose bodies do not reach
 * back to the row. Such parts are folded to constants before SQL is built. `now()` is left
 * to the database so compiled filters stay valid over time.
 */
export function isRowIndependent(expr: Expr, scopeIsRow = true): boolean {
  switch (expr.kind) {
    case 'literal':
    case 'null':
    case 'auth':
    case 'enum':
      return true;
    case 'this':
    case 'future':
      return false;
    case 'field':
      return !scopeIsRow;
    case 'member':
      return isRowIndependent(expr.object, scopeIsRow);
    case 'array':
      return expr.items.every((i) => isRowIndependent(i, scopeIsRow));
    case 'unary':
      return isRowIndependent(expr.operand, scopeIsRow);
    case 'binary':
      return isRowIndependent(expr.left, scopeIsRow) && isRowIndependent(expr.right, scopeIsRow);
    case 'collection':
      return (
        isRowIndependent(expr.collection, scopeIsRow) && isRowIndependent(expr.predicate, false)
      );
    case 'call':
      if (expr.name === 'now' || expr.name === 'check') return false;
      return expr.args.every((a) => isRowIndependent(a, scopeIsRow));
  }
}

/** The direct sub-expressions of `expr`, for walks that treat every kind alike. */
export function subExprs(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'member':
      return [expr.object];
    case 'array':
      return expr.items;
    case 'unary':
      return [expr.operand];
    case 'binary':
      return [expr.left, expr.right];
    case 'collection':
      return [expr.collection, expr.predicate];
    case 'call':
      return expr.args;
    case 'auth':
    case 'enum':
    case 'field':
    case 'future':
    case 'literal':
    case 'null':
    case 'this':
      return [];
  }
}

/** True when the expression mentions `future()`. */
export function usesFuture(expr: Expr): boolean {
  return expr.kind === 'future' || subExprs(expr).some(usesFuture);
}

/** Adds to `out` the fields `expr` reads through `future()` (`future().tags` -> `tags`). */
export function futureFields(expr: Expr, out: Set<string>): Set<string> {
  if (expr.kind === 'member' && expr.object.kind === 'future') out.add(expr.name);
  else for (const e of subExprs(expr)) futureFields(e, out);
  return out;
}

/** Applies `casing` (the optional argument of `currentModel()` / `currentOperation()`). */
export function applyCasing(name: string, casing: unknown): string {
  switch (casing) {
    case 'upper':
      return name.toUpperCase();
    case 'lower':
      return name.toLowerCase();
    case 'capitalize':
      return name.charAt(0).toUpperCase() + name.slice(1);
    case 'uncapitalize':
      return name.charAt(0).toLowerCase() + name.slice(1);
    default:
      return name;
  }
}
