import { sql } from 'kysely';
import type { ModelDef } from '@warden/schema';
import { runInTransaction } from '../client/transaction.js';
import { andAll, orAll, whereClause } from '../filter/predicate.js';
import { tableAs } from '../relation/join.js';
import type { SetItem, WhereRef } from './plan-types.js';
import { idWhere } from './result.js';
import type { Scoped } from './run-statement.js';
import { run, writeFilter } from './run-statement.js';
import { setList, updateSql } from './sql-builders.js';
import type { Row, StatementResult } from './statement.js';
import { aliased, selectList } from './statement.js';
import type { UpdateOrigin, WatchedUpdate } from './write-hooks.js';
import type { WriteScope } from './write-scope.js';

/** Rows per UPDATE statement of a watched update (keeps the id list under parameter limits). */
const CHUNK = 500;

/** What `updateWatched` changes, in which rows, and what its hooks are told. */
export interface WatchedUpdateOptions {
  readonly sets: readonly SetItem[];
  readonly where?: WhereRef;
  /** The relation scope (`ALL` when none). */
  readonly extra: Scoped;
  readonly watched: WatchedUpdate;
  readonly origin: UpdateOrigin;
  /** Only the first rows (`updateMany({ limit })`). */
  readonly limit?: number;
  /** The rows' own nested writes, run after the UPDATE and before `afterUpdate`. */
  readonly nested?: (rows: readonly Row[], w: WriteScope) => Promise<void>;
}

/**
 * An UPDATE the update hooks see, in a transaction (the caller's, or one begun here): the ids
 * of the rows it matches are selected first (locked with `FOR UPDATE` on PostgreSQL, so they
 * cannot change before the update), `beforeUpdate` gets them, the statement changes exactly
 * those rows (still under the row filter and `where`), then `afterUpdate` gets the updated
 * rows. Rows come back as RETURNING rows (all columns; selected when `sets` is empty).
 */
export function updateWatched(
  w: WriteScope,
  model: ModelDef,
  { sets, where, extra, watched, origin, limit, nested }: WatchedUpdateOptions,
): Promise<StatementResult> {
  return runInTransaction(w.ctx, async (tx) => {
    const wt: WriteScope = { ...w, ctx: tx };
    const hooks = watched.hooks;
    const targets = await selectIds(wt, model, where, extra, limit);
    if (targets.length === 0) return { rows: [], count: 0 };
    const state = hooks.beforeUpdate
      ? await hooks.beforeUpdate(
          model,
          targets.map((r) => idWhere(tx, model, r)),
          watched.fields,
          tx,
          origin,
        )
      : undefined;
    const rows: Row[] = [];
    for (let i = 0; i < targets.length; i += CHUNK) {
      const only = idsIn(model, targets.slice(i, i + CHUNK));
      const res = await run(wt, model, (scope, b) => {
        const alias = scope.nextAlias();
        const restricted: Scoped = (b2, a) => andAll([extra(b2, a), only(b2, a)]);
        const pred = writeFilter(scope, b, model, alias, 'update', where, restricted);
        if (pred === false) return null;
        if (sets.length === 0) {
          return sql`select ${selectList(tx, model, alias)} from ${tableAs(model, alias)}${whereClause(tx.dialect, pred)}`;
        }
        return updateSql(tx, model, alias, setList(tx, model, sets, b), pred, true);
      });
      rows.push(...res.rows);
    }
    if (nested) await nested(rows, wt);
    if (hooks.afterUpdate && rows.length > 0) {
      await hooks.afterUpdate(
        model,
        rows.map((r) => idWhere(tx, model, r)),
        tx,
        state,
        origin,
      );
    }
    return { rows, count: rows.length };
  });
}

/** The id columns of the rows an update would change (as a lookup returns them). */
async function selectIds(
  w: WriteScope,
  model: ModelDef,
  where: WhereRef | undefined,
  extra: Scoped,
  limit: number | undefined,
): Promise<Row[]> {
  const { ctx } = w;
  const res = await run(w, model, (scope, b) => {
    const alias = scope.nextAlias();
    const pred = writeFilter(scope, b, model, alias, 'update', where, extra);
    if (pred === false) return null;
    const cols = sql.join(
      model.idFields.map(
        (f) =>
          sql`${ctx.dialect.selectColumn(model.fields[f]!, aliased(alias, model, f))} as ${sql.ref(f)}`,
      ),
    );
    const lim = limit === undefined ? sql`` : sql` limit ${sql.lit(limit)}`;
    // SQLite has no row locks (and no FOR UPDATE): its single writer already serialises.
    const lock = ctx.provider === 'postgresql' ? sql` for update` : sql``;
    return sql`select ${cols} from ${tableAs(model, alias)}${whereClause(ctx.dialect, pred)}${lim}${lock}`;
  });
  return res.rows;
}

/** Exactly the rows `rows` (by their id columns). */
function idsIn(model: ModelDef, rows: readonly Row[]): Scoped {
  const ids = model.idFields;
  if (ids.length === 1) {
    const id = ids[0]!;
    return (b, alias) =>
      sql<boolean>`${aliased(alias, model, id)} in (${sql.join(rows.map((r) => b.bind(r[id])))})`;
  }
  return (b, alias) =>
    orAll(
      rows.map((r) =>
        andAll(ids.map((f) => sql<boolean>`${aliased(alias, model, f)} = ${b.bind(r[f])}`)),
      ),
    );
}
