import type { FieldDef, ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import type { ValidationSite } from '../validate/args.js';
import type { SetItem } from './plan-types.js';

/**
 * Where an UPDATE statement comes from, for the messages of errors thrown by update hooks.
 * `site`: the operation the caller invoked (`User.update` for a nested update of posts);
 * `nested`: false for the operation's own rows (top-level `update`, `updateMany`, `upsert`'s
 * update), true for rows reached through a relation (nested `update` / `updateMany` /
 * `upsert`, and the foreign-key updates of nested `connect` / `disconnect` / `set` /
 * `delete`); `path`: the argument path of that write (`data.posts.update.data`).
 */
export interface UpdateOrigin {
  readonly site: ValidationSite;
  readonly nested: boolean;
  readonly path: string;
}

/** The `id` where of one row (`{ id }`, or `{ a_b: { a, b } }` for a compound id). */
export type IdWhere = Record<string, unknown>;

/**
 * Optional write-side hooks the policy layer may add to the client's `QueryHooks` object
 * (next to `rowFilter`): read from `ctx.hooks` by the write module. None is needed for the
 * plain client. See `packages/orm/WRITES.md`.
 *
 * @example
 * ```ts
 * const hooks = {
 *   rowFilter,
 *   cacheKey,
 *   watchesUpdate: (model, fields) => fields.includes('locked'),
 *   beforeUpdate: async (model, ids, fields, ctx) => { if (!(await mayLock(ids, ctx))) throw reject(); },
 * };
 * const userDb = withHooks(db, hooks);
 * ```
 */
export interface WriteHooks {
  /**
   * Called before each row is inserted (nested rows and createMany rows too), inside the
   * mutation's transaction when there is one. `data`: the row's API values (input plus
   * defaults); `columns`: the encoded values about to be bound, foreign keys included.
   * Throw (e.g. REJECTED_BY_POLICY) to refuse; nothing of the mutation is then kept.
   */
  beforeCreate?(
    model: ModelDef,
    row: {
      readonly data: Readonly<Record<string, unknown>>;
      readonly columns: Readonly<Record<string, unknown>>;
    },
    ctx: QueryContext,
  ): void | Promise<void>;
  /**
   * Called once before a multi-row insert (`createMany`, `createManyAndReturn`, nested
   * `createMany`) with all its rows, instead of `beforeCreate` per row, so checks that need a
   * query can take the rows together. Throw to refuse: nothing is inserted.
   */
  beforeCreateMany?(
    model: ModelDef,
    rows: readonly {
      readonly data: Readonly<Record<string, unknown>>;
      readonly columns: Readonly<Record<string, unknown>>;
    }[],
    ctx: QueryContext,
  ): void | Promise<void>;
  /**
   * Which UPDATE statements `beforeUpdate` / `afterUpdate` need to see: one of `model` rows
   * writing `fields` (as `beforeUpdate` gets them). Absent: all of them. A declined update runs
   * exactly as on the plain client (one-statement paths, no id lookup, no transaction of its
   * own), so hooks that matter for a few models cost nothing elsewhere.
   */
  watchesUpdate?(model: ModelDef, fields: readonly string[]): boolean;
  /**
   * Whether a many-to-many link made or removed from the other model's side (`Tag.posts`
   * connect, disconnect, set, connectOrCreate's connect) is an update of `model`'s rows for
   * these hooks, writing its relation `field` (`Post.tags`). When true, the existing rows of
   * `model` the write links or unlinks get `beforeUpdate` (with `fields` `[field]`) and
   * `afterUpdate` around it, in one transaction. Absent or false: links from the other side
   * are not updates of these rows (a link from this side always is, see `beforeUpdate`).
   */
  watchesLink?(model: ModelDef, field: string): boolean;
  /**
   * Called before every UPDATE statement of `model` rows the ORM makes (top-level `update`,
   * `updateMany`, `upsert`'s update; nested `update`, `updateMany`, `upsert`; foreign-key
   * updates of nested `connect` / `disconnect` / `set` / `delete`), inside the mutation's
   * transaction (such updates then always run in one). `ids`: the id where of every row
   * about to change, selected first with the update's row filter and `where` (and locked with
   * `FOR UPDATE` on PostgreSQL); the statement then changes exactly these rows. `fields`: the
   * API names of the fields written (foreign keys set by relation writes included, the
   * `@updatedAt` values the ORM fills in left out). An update of a row with nested writes to
   * its to-many or many-to-many relations (which change other rows or a join table, not this
   * row) is seen as one update: `fields` then also names those relation fields, and
   * `afterUpdate` comes after the nested writes, so it sees the row's relations as they end
   * up (with no field of its own written, there is no UPDATE statement in between). Not
   * called when no row matches. The result is handed to `afterUpdate` of the same update.
   * Throw to refuse: nothing of the mutation is then kept.
   */
  beforeUpdate?(
    model: ModelDef,
    ids: readonly IdWhere[],
    fields: readonly string[],
    ctx: QueryContext,
    origin: UpdateOrigin,
  ): unknown;
  /**
   * Called after each UPDATE statement that changed rows (every one `beforeUpdate` is called
   * for), in the same transaction, with the id where of each updated row (as it is after the
   * update) and what `beforeUpdate` returned (`undefined` without one): the place for
   * post-update checks. Throw to roll the whole mutation back.
   */
  afterUpdate?(
    model: ModelDef,
    ids: readonly IdWhere[],
    ctx: QueryContext,
    state: unknown,
    origin: UpdateOrigin,
  ): void | Promise<void>;
  /** Value of `@default(auth().x)` fields (the plain client has no user and leaves them out). */
  authDefault?(model: ModelDef, field: FieldDef, path: readonly string[]): unknown;
}

/** The write hooks installed on `ctx`, if any. */
export function writeHooks(ctx: QueryContext): WriteHooks | undefined {
  return ctx.hooks as WriteHooks | undefined;
}

/** Update hooks that want to see one UPDATE statement, with the fields it writes. */
export interface WatchedUpdate {
  readonly hooks: WriteHooks;
  readonly fields: readonly string[];
}

/**
 * The update hooks that see an update of `model` rows with `sets` (and nested writes to the
 * relation fields `relations`); `undefined` when there are none (always on the plain client)
 * or `watchesUpdate` declines it: the update then takes the plain client's path.
 */
export function watchedUpdate(
  ctx: QueryContext,
  model: ModelDef,
  sets: readonly SetItem[],
  relations: readonly string[] = [],
): WatchedUpdate | undefined {
  const hooks = ctx.hooks as WriteHooks | undefined;
  if (hooks === undefined || (!hooks.beforeUpdate && !hooks.afterUpdate)) return undefined;
  const fields: string[] = [];
  for (const s of sets) if (!s.auto && !fields.includes(s.field.name)) fields.push(s.field.name);
  for (const r of relations) if (!fields.includes(r)) fields.push(r);
  if (hooks.watchesUpdate && !hooks.watchesUpdate(model, fields)) return undefined;
  return { hooks, fields };
}
