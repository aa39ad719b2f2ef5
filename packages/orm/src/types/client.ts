import type { Kysely } from 'kysely';
import type { SchemaDef } from '@warden/schema';
import type { ModelDelegate } from './delegate.js';
import type { ModelName } from './schema-access.js';

/** Prisma's names for the SQL isolation levels. */
export type IsolationLevel =
  'ReadUncommitted' | 'ReadCommitted' | 'RepeatableRead' | 'Serializable';

export interface TransactionOptions {
  isolationLevel?: IsolationLevel;
}

/** Options of `$pushSchema()`. */
export interface PushSchemaOptions {
  /** Apply destructive changes (dropped tables or columns) instead of refusing them. */
  acceptDataLoss?: boolean;
}

/** What `$pushSchema()` did. */
export interface PushSchemaResult {
  /** The SQL statements run, in order; empty when the database already matched. */
  applied: string[];
  /** What was lost (only when `acceptDataLoss` allowed it). */
  warnings: string[];
}

/** The methods every client has besides its model delegates. */
export interface ClientMethods<S extends SchemaDef> {
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Run
   * its queries on `tx`. The outer client stays usable meanwhile and sees the last committed
   * state (on SQLite, reads are answered by a second read-only connection; a write, or another
   * transaction, waits for this one at most `busy_timeout` (5 s, or `?busy_timeout=<ms>` in
   * the url), then fails with
   * `CONFLICT`: SQLite has one writer. A `:memory:` database has no second connection, so
   * there reads wait too).
   *
   * @example
   * ```ts
   * const post = await db.$transaction(async (tx) => {
   *   const p = await tx.post.create({ data });
   *   await tx.user.update({ where: { id: data.authorId }, data: { posts: { increment: 1 } } });
   *   return p;
   * });
   * ```
   *
   * A transaction the database aborts for a deadlock or a serialization failure is run again
   * (the callback is called again from the start) up to `options.maxRetries` times (default
   * 3), then fails with `CONFLICT`. Keep effects other than queries on `tx` out of `fn`.
   */
  $transaction<R>(
    fn: (tx: WardenClient<S>) => Promise<R>,
    options?: TransactionOptions,
  ): Promise<R>;
  /** Runs the given operations in one transaction and resolves to their results, in order. */
  $transaction<const P extends readonly Promise<unknown>[]>(
    operations: P,
    options?: TransactionOptions,
  ): Promise<{ -readonly [K in keyof P]: Awaited<P[K]> }>;
  /**
   * A parameterised raw query; as in Prisma, `T` is the type of the whole result (the rows).
   *
   * @example
   * ```ts
   * const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE email = ${email}`;
   * ```
   */
  $queryRaw<T = unknown[]>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  /** A parameterised raw statement; resolves to the number of affected rows. */
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number>;
  /** A raw query from text; only `values` are bound, the text is used as is. */
  $queryRawUnsafe<T = unknown[]>(query: string, ...values: unknown[]): Promise<T>;
  /** A raw statement from text; resolves to the number of affected rows. */
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  /** Runs `operation` on `model` by name, untyped (for generic callers such as the HTTP layer). */
  $run(model: string, operation: string, args?: unknown): Promise<unknown>;
  /** The underlying Kysely instance, for queries the client cannot express. */
  readonly $qb: Kysely<any>;
  $disconnect(): Promise<void>;
  /** Creates or alters tables to match the schema (`warden db push`). */
  $pushSchema(options?: PushSchemaOptions): Promise<PushSchemaResult>;
}

/** One delegate per model, under the model's name with a lower-case first letter. */
export type ModelDelegates<S extends SchemaDef> = {
  readonly [M in ModelName<S> as Uncapitalize<M>]: ModelDelegate<S, M>;
};

/**
 * The typed client of schema `S`, as returned by `createClient(schema)`.
 *
 * @example
 * ```ts
 * import { schema } from './schema.js';
 * const db: WardenClient<typeof schema> = createClient(schema, { url: 'file:./dev.db' });
 * const user = await db.user.findUnique({ where: { email: 'a@b.c' }, include: { posts: true } });
 * ```
 */
export type WardenClient<S extends SchemaDef> = ModelDelegates<S> & ClientMethods<S>;
