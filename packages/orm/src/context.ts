import type * as pg from './dialect/postgres/pg-types.js';
import type { Expression, Kysely, SqlBool } from 'kysely';
import type { ModelDef, SchemaDef } from '@warden/schema';
import type { DialectHooks } from './dialect/dialect-hooks.js';
import type { PlanCache } from './plan/plan-cache.js';
import type { InputLimits } from './validate/limits.js';
import type { StatementCache } from './dialect/sqlite/statement-cache.js';
import type { WardenSqliteDriver } from './dialect/sqlite/sqlite-driver.js';

/** Which kind of row access a `rowFilter` is asked about. */
export type RowOperation = 'read' | 'update' | 'delete';

/**
 * What a `fieldReadable` mask is for: `select`, a value returned to the caller; `filter`, a
 * value the caller's arguments compare, order, group, count or aggregate by, which must see
 * the field as the caller reads it, or a filter could probe a hidden value; `link`, a foreign
 * key a relation is followed through (read, filtered, ordered or counted by): where it is
 * hidden the relation is too (see `relationJoin`).
 */
export type FieldUse = 'select' | 'filter' | 'link';

/**
 * Extension points for the access-policy layer. The plain client has none. Hooks are called as
 * methods of this object (so a class instance works: the policy layer makes one per request).
 * Every hook may
 * return `true` (no restriction, costs nothing), `false` (nothing passes: reads return empty
 * without a query where the whole statement is filtered) or a Kysely boolean expression over
 * `alias` (the SQL alias of the model's table in the statement being built).
 */
export interface QueryHooks {
  /**
   * Extra predicate ANDed into every place that selects rows of `model`. `fixed`: Boolean
   * fields the caller's `where` (which the predicate is ANDed with) fixes for every row it
   * selects, which the hook may treat as constants (`{ published: true }` makes a rule
   * `published || author == auth()` true); it is part of the plan's shape.
   */
  rowFilter?(
    model: ModelDef,
    operation: RowOperation,
    alias: string,
    ctx: QueryContext,
    fixed?: Readonly<Record<string, boolean>>,
  ): Expression<SqlBool> | boolean;
  /** Field-level read mask: an unreadable field reads as `null` (see `FieldUse`). */
  fieldReadable?(
    model: ModelDef,
    field: string,
    alias: string,
    ctx: QueryContext,
    use: FieldUse,
  ): Expression<SqlBool> | boolean;
  /**
   * `model`'s read filter as a predicate on one written row's own columns (qualified by
   * `alias`), when it needs no other row. A one-row `create` / `update` outside a transaction
   * then returns the row and whether it may be read back in one statement; when it may not,
   * the write stays and the call fails with `cannot-read-back` (see `writeWasKept`).
   * `undefined`: the row is read back by a second query, in a transaction.
   */
  returningReadable?(
    model: ModelDef,
    alias: string,
    ctx: QueryContext,
  ): Expression<SqlBool> | boolean | undefined;
  /**
   * Identifies everything the hooks' SQL depends on except values passed through
   * `hookParam(name)` (those are read through `param` at execution). Plans built with these hooks
   * are cached under this key; without it, plans are rebuilt for every call.
   */
  cacheKey?: string;
  /** The value of the `hookParam(name)` placeholder `name` for this client's calls. */
  param?(name: string): unknown;
}

/**
 * Driver-level shortcuts of the connection a client owns (absent with a user-supplied dialect).
 * `sqlite`: statements may run synchronously when the single connection is free (or held by
 * this context's own transaction). `prepared`: SQL text -> PostgreSQL prepared-statement name.
 */
export interface Engine {
  readonly sqlite?: { readonly driver: WardenSqliteDriver; readonly statements: StatementCache };
  readonly prepared?: Map<string, string>;
  /** The PostgreSQL pool statements outside transactions run on directly (see `runPooled`). */
  readonly pg?: pg.Pool;
  /**
   * Closes what `connect` opened. Kysely's `destroy` ends only a driver it initialized, and
   * statements outside transactions skip Kysely (see `pg`, `sqlite`): a client whose every
   * query took that path kept its pool open, and a PostgreSQL script lived on for the pool's
   * 10 s idle timeout after `$disconnect()`.
   */
  readonly release?: () => Promise<void>;
  /** Bounds on arguments (`createClient`'s `limits`); `DEFAULT_LIMITS` when absent. */
  readonly limits?: InputLimits;
}

/**
 * Everything an operation needs, passed explicitly to every function of the query engine.
 * `kysely` is the transaction's instance inside `$transaction`.
 */
export interface QueryContext {
  readonly schema: SchemaDef;
  readonly provider: 'sqlite' | 'postgresql';
  readonly kysely: Kysely<any>;
  readonly dialect: DialectHooks;
  readonly plans: PlanCache;
  readonly engine: Engine;
  readonly hooks: QueryHooks | undefined;
  /** True inside `$transaction` (or `runInTransaction`): nested transactions reuse it. */
  readonly inTransaction: boolean;
}
