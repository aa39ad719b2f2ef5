import type { PolicyOperation, SchemaDef } from '@warden/schema';
import type { Expression, SqlBool } from 'kysely';
import type { AuthParam, CompileContext, RowRef } from './compile/compile-context.js';
import { fieldPermittedCond, permittedCond } from './compile/compile-expr.js';
import { condToSql, type Cond } from './compile/sql-cond.js';
import { Delegation } from './semantics/delegation.js';
import { fieldRules, requireField, requireModel } from './rules.js';
import type { PolicyDialect, PolicyUser } from './types.js';

/** A compiled policy: a SQL condition, or a constant when the rules fold for this user. */
export type PolicyFilter = Expression<SqlBool> | boolean;

export interface PolicyFilterOptions {
  readonly dialect: PolicyDialect;
  /** The table alias of the row the rule is about. */
  readonly alias: string;
  readonly user: PolicyUser;
  /**
   * For post-update rules: the alias of the row as it is after the update; `future()` reads
   * it while plain fields read `alias`. Defaults to `alias`.
   */
  readonly futureAlias?: string;
  /** Prefix of the aliases of the filter's own subqueries; defaults to `<alias>_p`. */
  readonly aliasPrefix?: string;
  /**
   * Emits user values as placeholders (for a plan cache keyed on `userShapeKey`) instead of
   * inlining them as parameters.
   */
  readonly authParam?: AuthParam;
  /** Compile an update filter for use before the update (see `CompileContext.preUpdate`). */
  readonly preUpdate?: boolean;
  /**
   * Boolean fields of the row fixed by the caller's `where` the filter is ANDed with: they
   * read as constants in the model's rules (see `fixFields`).
   */
  readonly fixed?: Readonly<Record<string, boolean>>;
}

function context(
  schema: SchemaDef,
  model: string,
  operation: PolicyOperation,
  options: PolicyFilterOptions,
): { ctx: CompileContext; ref: RowRef; future: RowRef } {
  requireModel(schema, model);
  const ref: RowRef = { kind: 'alias', alias: options.alias, model };
  const future: RowRef = options.futureAlias
    ? { kind: 'alias', alias: options.futureAlias, model }
    : ref;
  const ctx: CompileContext = {
    schema,
    dialect: options.dialect,
    user: options.user ?? null,
    model,
    operation,
    thisRef: ref,
    futureRef: future,
    scope: ref,
    aliases: { prefix: options.aliasPrefix ?? `${options.alias}_p`, next: 0 },
    delegation: Delegation.start(model, operation),
    authParam: options.authParam,
    preUpdate: options.preUpdate === true,
  };
  return { ctx, ref, future };
}

function finish(c: Cond): PolicyFilter {
  return typeof c === 'boolean' ? c : condToSql(c);
}

/**
 * Compiles the model's rules for `operation` and `user` into a condition over the row at
 * `options.alias`: (some allow is TRUE) AND (every deny is FALSE), three-valued inside, with
 * `auth()` folded to constants. Returns `true` / `false` when the rules fold entirely.
 *
 * @example
 * ```ts
 * const f = compilePolicyFilter(schema, 'Post', 'read', { dialect: 'sqlite', alias: 'p', user });
 * // f === false for no access; else: db.selectFrom('Post as p').selectAll().where(f)
 * // e.g. ("p"."authorId" = ?) or ("p"."status" = ?)
 * ```
 */
export function compilePolicyFilter(
  schema: SchemaDef,
  model: string,
  operation: PolicyOperation,
  options: PolicyFilterOptions,
): PolicyFilter {
  const { ctx, ref, future } = context(schema, model, operation, options);
  return finish(permittedCond(ctx, model, operation, ref, future, options.fixed));
}

/**
 * Compiles a field's `@allow` / `@deny` rules for `read` or `update`: with no allow rule for
 * the operation the field is allowed (the model's rule still applies), else some allow must
 * be TRUE; every deny must be FALSE.
 *
 * @example
 * ```ts
 * const canSee = compileFieldPolicyFilter(schema, 'User', 'email', 'read', { dialect, alias: 'u', user });
 * // select case when <canSee> then "u"."email" end as "email" ...
 * ```
 */
export function compileFieldPolicyFilter(
  schema: SchemaDef,
  model: string,
  field: string,
  operation: 'read' | 'update',
  options: PolicyFilterOptions,
): PolicyFilter {
  const def = requireField(requireModel(schema, model), field);
  const rules = fieldRules(def, operation);
  if (rules.allows.length === 0 && rules.denies.length === 0) return true;
  const { ctx } = context(schema, model, operation, options);
  return finish(fieldPermittedCond(ctx, rules));
}
