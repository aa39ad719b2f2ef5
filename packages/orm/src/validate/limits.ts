import type { QueryContext } from '../context.js';
import type { ArgPath } from './invalid.js';
import { invalidInput, isPlainObject } from './invalid.js';
import type { ValidationSite } from './args.js';

/**
 * Bounds on the size of one operation's arguments, so that no client input reaches a database
 * limit (which would fail as a server error) or costs unbounded time and memory to compile.
 * Each is checked before any SQL runs and fails with `INVALID_INPUT` naming the limit. Set
 * through `createClient(schema, { limits })`; the defaults are `DEFAULT_LIMITS`.
 */
export interface InputLimits {
  /**
   * Most conditions in one operation's filters: each field condition, each `AND` / `OR` /
   * `NOT` branch, each relation filter, counted over every `where` the operation has
   * (nested reads included). An `in` list counts once, whatever its length.
   */
  readonly maxFilterConditions: number;
  /** Deepest nesting of `where` objects: `AND` / `OR` / `NOT` and relation filters. */
  readonly maxFilterDepth: number;
  /**
   * Longest `contains` / `startsWith` / `endsWith` value (also `string_contains` ... on Json),
   * in UTF-16 code units. SQLite refuses LIKE and GLOB patterns over 50,000 bytes; 10,000
   * code units stay under it however the value is escaped or encoded.
   */
  readonly maxPatternLength: number;
  /**
   * Most bound values in one statement, below the database's own limit (SQLite 32766,
   * PostgreSQL 65535), which applies when this is unset or higher.
   */
  readonly maxParameters?: number;
}

/**
 * The limits a client has unless `createClient`'s `limits` says otherwise.
 *
 * @example
 * ```ts
 * const db = createClient(schema, { url, limits: { maxFilterConditions: 20_000 } });
 * ```
 */
export const DEFAULT_LIMITS: InputLimits = {
  maxFilterConditions: 5000,
  maxFilterDepth: 32,
  maxPatternLength: 10_000,
};

/** Argument objects nested deeper than this are refused before they are even looked at. */
export const MAX_ARGUMENT_DEPTH = 100;

/**
 * Throws unless `args` nests at most MAX_ARGUMENT_DEPTH objects and arrays deep. Walked without
 * recursion, so that a hostile depth cannot overflow the stack here; the code that reads the
 * arguments after it recurses safely.
 *
 * @example
 * ```ts
 * checkArgumentDepth({ data: { a: { b: 1 } } }, { model: 'Post', operation: 'create' }); // fine
 * ```
 */
export function checkArgumentDepth(args: unknown, site: Partial<ValidationSite>): void {
  const stack: unknown[] = [args];
  const depths: number[] = [0];
  while (stack.length > 0) {
    const v = stack.pop();
    const d = depths.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const items = Array.isArray(v) ? v : isPlainObject(v) ? Object.values(v) : undefined;
    if (!items) continue;
    if (d >= MAX_ARGUMENT_DEPTH) throw tooDeep(site);
    for (const item of items) {
      if (typeof item === 'object' && item !== null) {
        stack.push(item);
        depths.push(d + 1);
      }
    }
  }
}

/** The error for arguments nested past MAX_ARGUMENT_DEPTH. */
export function tooDeep(site: Partial<ValidationSite> = {}) {
  return overLimit(
    [],
    `arguments may nest at most ${MAX_ARGUMENT_DEPTH} levels deep`,
    'maxArgumentDepth',
    site,
  );
}

/** The most bound values a statement of `ctx` may have (`InputLimits.maxParameters`). */
export function maxParametersOf(ctx: QueryContext): number {
  const own = ctx.engine.limits?.maxParameters;
  const db = ctx.dialect.maxParameters;
  return own !== undefined && own < db ? own : db;
}

/** The limits in force for `ctx`. */
export function limitsOf(ctx: QueryContext): InputLimits {
  return ctx.engine.limits ?? DEFAULT_LIMITS;
}

/**
 * The `INVALID_INPUT` for an argument over a limit, naming it so the caller knows what to change.
 *
 * @example
 * ```ts
 * throw overLimit(['where', 'title', 'contains'], 'is 20000 characters long, over 10000', 'maxPatternLength', site);
 * // "Post.findMany: where.title.contains: is 20000 characters long, over 10000 (limit maxPatternLength)"
 * ```
 */
export function overLimit(
  path: ArgPath,
  detail: string,
  limit: keyof InputLimits | 'maxArgumentDepth',
  site: Partial<ValidationSite> = {},
) {
  return invalidInput(path, `${detail} (limit ${limit})`, site);
}
