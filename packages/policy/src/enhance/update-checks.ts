import type { ModelDef } from '@warden/schema';
import { idKey } from '@warden/schema';
import { sql, type Expression, type SqlBool } from 'kysely';
import { rowKey, type QueryContext, type UpdateOrigin } from '@warden/orm';
import { compileFieldPolicyFilter } from '../compile-policy-filter.js';
import { futureFields, usesFuture } from '../expr-types.js';
import { fieldRules, modelRules } from '../rules.js';
import type { PolicyRow } from '../types.js';
import { rejected } from './errors.js';
import type { PolicySession } from './policy-hooks.js';
import { countPassing, postUpdatePasses, rawRows } from './sql-checks.js';

/** What of a model's update rules the ORM's update hooks must enforce. */
interface UpdateRules {
  /** Fields with `@allow('update', ...)` / `@deny('update', ...)`. */
  readonly fields: ReadonlySet<string>;
  /** Some model-level update rule reads `future()`. */
  readonly future: boolean;
  /** The fields model-level update rules read through `future()`. */
  readonly futureFields: ReadonlySet<string>;
}

const rulesOf = new WeakMap<ModelDef, UpdateRules>();

function updateRules(model: ModelDef): UpdateRules {
  let rules = rulesOf.get(model);
  if (!rules) {
    const fields = new Set<string>();
    for (const f of Object.values(model.fields)) {
      const { allows, denies } = fieldRules(f, 'update');
      if (allows.length > 0 || denies.length > 0) fields.add(f.name);
    }
    const { allows, denies } = modelRules(model, 'update');
    const all = [...allows, ...denies];
    const read = new Set<string>();
    for (const r of all) futureFields(r.condition, read);
    rules = { fields, future: all.some((r) => usesFuture(r.condition)), futureFields: read };
    rulesOf.set(model, rules);
  }
  return rules;
}

/** True when some model-level update rule of `model` reads `future()`. */
export function hasPostUpdateRules(model: ModelDef): boolean {
  return updateRules(model).future;
}

/**
 * True when an update of `model` writing `fields` needs checks beyond the row filter: a
 * written field has update rules, or the model has post-update rules. The ORM asks this
 * (`watchesUpdate`) before each UPDATE, so every other update keeps its one-statement path.
 */
export function watchesUpdate(model: ModelDef, fields: readonly string[]): boolean {
  const rules = updateRules(model);
  return rules.future || fields.some((f) => rules.fields.has(f));
}

/**
 * True when a many-to-many link made from the other side (`Tag.posts` connect) must be
 * checked as an update of `model`'s rows: a post-update rule reads the relation `field`
 * (`future().tags?[...]`), or `field` has update rules. Links are then held to the same
 * post-update rules from both sides; a model whose post-update rules do not mention the
 * relation is not asked about links made from the other side.
 */
export function watchesLink(model: ModelDef, field: string): boolean {
  const rules = updateRules(model);
  return rules.futureFields.has(field) || rules.fields.has(field);
}

/** True when some model of the schema has field-level update rules or post-update rules. */
export function anyUpdateWatched(models: readonly ModelDef[]): boolean {
  return models.some((m) => {
    const rules = updateRules(m);
    return rules.future || rules.fields.size > 0;
  });
}

/** All of `filters` as one predicate. */
function allOf(filters: readonly Expression<SqlBool>[]): Expression<SqlBool> {
  return sql<SqlBool>`${sql.join(
    filters.map((f) => sql`(${f})`),
    sql` and `,
  )}`;
}

/** The rows as they were before an update, by id: what post-update rules compare with. */
interface Snapshot {
  readonly pre: Map<string, Record<string, unknown>>;
}

/** An id where from the ORM (`{ id }` or `{ a_b: { a, b } }`) as a flat id row. */
function idRow(model: ModelDef, where: Record<string, unknown>): PolicyRow {
  if (model.idFields.length === 1) return where as PolicyRow;
  return where[idKey(model)] as PolicyRow;
}

/** The error's operation and, for nested writes, where the write is. */
function blame(
  origin: UpdateOrigin,
  operation: string | undefined,
): { op: string; detail: string; path: string | undefined } {
  const op = operation ?? origin.site.operation;
  if (!origin.nested) return { op, detail: '', path: undefined };
  return {
    op,
    detail: `nested write at ${origin.path} of ${origin.site.model}.${op}`,
    path: origin.path,
  };
}

/**
 * Before an UPDATE of `ids` writing `fields` (top-level or nested): every written field's
 * update rules must hold for every row (reason `field-update`); when the model has post-update
 * rules, the rows as they are now are kept for `checkAfterUpdate`. `operation`: the caller's
 * operation when the ORM ran another one on its behalf (the policy's own `update` per row).
 */
export async function checkBeforeUpdate(
  session: PolicySession,
  model: ModelDef,
  ids: readonly Record<string, unknown>[],
  fields: readonly string[],
  ctx: QueryContext,
  origin: UpdateOrigin,
  operation: string | undefined,
): Promise<Snapshot | undefined> {
  const rules = updateRules(model);
  const rows = ids.map((w) => idRow(model, w));
  const ruled = fields.filter((name) => rules.fields.has(name));
  if (ruled.length > 0) {
    const filters = ruled.map((name) =>
      compileFieldPolicyFilter(session.schema, model.name, name, 'update', {
        dialect: ctx.provider,
        alias: 't',
        user: session.user,
      }),
    );
    // One query for all written fields; only when some row fails, one per field to name it.
    const all = filters.every((f) => f !== false) ? filters.filter((f) => f !== true) : undefined;
    const pass =
      all !== undefined &&
      (all.length === 0 || (await countPassing(ctx, model, rows, allOf(all))) === rows.length);
    if (!pass) {
      for (const [k, filter] of filters.entries()) {
        if (filter === true) continue;
        if (filter === false || (await countPassing(ctx, model, rows, filter)) < rows.length) {
          const { op, detail, path } = blame(origin, operation);
          const where = detail ? `field "${ruled[k]}", ${detail}` : `field "${ruled[k]}"`;
          throw rejected(model.name, op, 'field-update', where, path);
        }
      }
    }
  }
  if (!rules.future) return undefined;
  const stored = await rawRows(ctx, model, rows);
  const pre = new Map<string, Record<string, unknown>>();
  rows.forEach((row, k) => {
    const s = stored[k];
    const key = rowKey(model, row);
    if (s && key !== undefined) pre.set(key, s);
  });
  return { pre };
}

/**
 * After an UPDATE: post-update (`future()`) rules on every updated row, against the row as it
 * was (reason `post-update`). A row whose pre-update state cannot be told (its id changed in
 * an update of several rows) is refused: nothing is let through unchecked.
 */
export async function checkAfterUpdate(
  session: PolicySession,
  model: ModelDef,
  ids: readonly Record<string, unknown>[],
  ctx: QueryContext,
  state: unknown,
  origin: UpdateOrigin,
  operation: string | undefined,
): Promise<void> {
  if (!updateRules(model).future) return;
  const snapshot = state as Snapshot | undefined;
  const pairs: { pre: Record<string, unknown>; after: PolicyRow }[] = [];
  let unknownPre = false;
  for (const where of ids) {
    const after = idRow(model, where);
    const key = rowKey(model, after);
    let pre = key === undefined ? undefined : snapshot?.pre.get(key);
    // A one-row update that changed the id: the one row snapshotted is this row.
    if (!pre && ids.length === 1 && snapshot?.pre.size === 1) pre = [...snapshot.pre.values()][0];
    if (pre) pairs.push({ pre, after });
    else unknownPre = true;
  }
  if (unknownPre || !(await postUpdatePasses(ctx, session.schema, model, session.user, pairs))) {
    const { op, detail, path } = blame(origin, operation);
    throw rejected(model.name, op, 'post-update', detail, path);
  }
}
