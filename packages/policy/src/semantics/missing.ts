import type { PolicyRow } from '../types.js';

/**
 * The rows a to-many member of constant data (the `auth()` object, or an element of one of its
 * lists) stands for, or `null` when the object does not give them. A missing member is UNKNOWN,
 * never an empty list: `auth().posts![..]` must not grant to a user object without `posts` (or
 * to an anonymous visitor), and `@@deny(.., auth().posts?[..])` must deny them. Only an explicit
 * array is a list, `[]` included.
 *
 * @example
 * ```ts
 * givenRows(undefined); // null: unknown
 * givenRows([]); // []: empty, `![..]` is TRUE over it
 * ```
 */
export function givenRows(raw: unknown): readonly PolicyRow[] | null {
  return Array.isArray(raw) ? (raw as PolicyRow[]) : null;
}
