import type { MaybePromise } from '../plan/run-plan.js';
import { sql } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { QueryContext, RowOperation } from '../context.js';
import { andAll, predSql, whereClause } from '../filter/predicate.js';
import { rowFilter } from '../filter/row-filter.js';
import { buildWhere } from '../filter/where.js';
import { runPlan } from '../plan/run-plan.js';
import { col, tableAs } from '../relation/join.js';
import { checkedKeys, expectObject, expectOneOf } from '../validate/args.js';
import { describeType, invalidInput } from '../validate/invalid.js';

const ARGS = new Set(['ids', 'operations']);
const ALL: readonly RowOperation[] = ['read', 'update', 'delete'];
/** A page of rows, with room: a UI asks for the rows it shows. */
const MAX_IDS = 1000;

export type RowPermissions = Record<string, Partial<Record<RowOperation, boolean>>>;

/**
 * `permissions({ ids, operations? })`: for each of `ids` this client may read, whether it may
 * read, update and delete that row, answered by ONE statement that evaluates the same row
 * filters every other operation uses (the policy layer's, on an enhanced client). Rows that do
 * not exist or are not readable are absent from the answer. Rules on the row after an update
 * (`future()`) are not evaluated: they depend on the change.
 *
 * @example
 * ```ts
 * await db.post.permissions({ ids: ['p1', 'p2'] });
 * // { p1: { read: true, update: true, delete: true }, p2: { read: true, update: false, delete: false } }
 * ```
 */
export function permissions(
  ctx: QueryContext,
  model: ModelDef,
  args: unknown,
): MaybePromise<RowPermissions> {
  const site = { model: model.name, operation: 'permissions' };
  const a = expectObject(site, [], args ?? {});
  checkedKeys(site, [], a, ARGS);
  if (model.idFields.length !== 1) {
    throw invalidInput(
      [],
      `permissions needs a one-field identity (an @id or @unique field); ${model.name} is identified by ${model.idFields.join(', ')}`,
      site,
    );
  }
  if (!Array.isArray(a.ids) || a.ids.length === 0 || a.ids.length > MAX_IDS) {
    throw invalidInput(
      ['ids'],
      `expected an array of 1 to ${MAX_IDS} ids, got ${describeType(a.ids)}`,
      site,
    );
  }
  let operations = ALL;
  if (a.operations !== undefined) {
    if (!Array.isArray(a.operations) || a.operations.length === 0) {
      throw invalidInput(['operations'], `expected a non-empty array of ${ALL.join(', ')}`, site);
    }
    operations = a.operations.map((op, i) => expectOneOf(site, ['operations', i], op, ALL));
  }
  const idName = model.idFields[0]!;
  // Reuse the where machinery so ids are validated and encoded like any `in` filter.
  const ops = [...new Set(operations)];
  const plan = { where: { [idName]: { in: a.ids } } };
  // The selected columns depend on the operations asked for, so they are part of the plan key.
  return runPlan(ctx, model, `permissions:${ops.join(',')}`, plan, (scope) => {
    const alias = scope.nextAlias();
    const filter = andAll([
      rowFilter(ctx, model, 'read', alias),
      buildWhere(scope, model, alias, plan.where, ['where']),
    ]);
    if (filter === false) return { query: null, finish: () => ({}) };
    const columns = ops.map((op) => {
      const p = op === 'read' ? true : rowFilter(ctx, model, op, alias);
      const value =
        p === true
          ? sql`1`
          : p === false
            ? sql`0`
            : sql`case when ${predSql(ctx.dialect, p)} then 1 else 0 end`;
      return sql`${value} as ${sql.ref(`can_${op}`)}`;
    });
    return {
      query: sql`select ${col(alias, model, idName)} as "id", ${sql.join(columns)} from ${tableAs(model, alias)}${whereClause(ctx.dialect, filter)}`,
      finish: (rows: Record<string, unknown>[]) => {
        const out: RowPermissions = {};
        for (const row of rows) {
          out[String(row.id)] = Object.fromEntries(
            ops.map((op) => [op, Number(row[`can_${op}`]) === 1]),
          );
        }
        return out;
      },
    };
  });
}
