import { WardenError } from '@warden/schema';

/** A path into the arguments of an operation: `['where', 'OR', 1, 'title']`. */
export type ArgPath = readonly (string | number)[];

/** `['where', 'OR', 1, 'title']` -> `where.OR[1].title`. */
export function formatPath(path: ArgPath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out;
}

/**
 * The `INVALID_INPUT` error for a bad argument at `path`.
 *
 * @example
 * ```ts
 * throw invalidInput(['where', 'author', 'is', 'email'], 'expected String, got number');
 * // WardenError INVALID_INPUT "where.author.is.email: expected String, got number"
 * ```
 */
export function invalidInput(
  path: ArgPath,
  detail: string,
  where: { model?: string; operation?: string } = {},
): WardenError {
  const p = formatPath(path);
  const prefix = where.model ? `${where.model}.${where.operation ?? ''}: ` : '';
  return new WardenError('INVALID_INPUT', `${prefix}${p === '' ? 'arguments' : p}: ${detail}`, {
    path: p,
    ...(where.model === undefined ? {} : { model: where.model }),
    ...(where.operation === undefined ? {} : { operation: where.operation }),
  });
}

/** What `value` is, for messages: `string`, `number`, `null`, `array`, `Date`, `object` ... */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'Date';
  if (value instanceof Uint8Array) return 'Bytes';
  return typeof value;
}

/** A plain object (not an array, Date, Buffer or class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
