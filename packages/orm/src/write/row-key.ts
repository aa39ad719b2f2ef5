import type { ModelDef } from '@warden/schema';

/**
 * A string that tells rows of `model` apart by their id fields, for matching rows read back to
 * the rows written; `undefined` when an id is missing. Values are tagged by type and length:
 * `String(id)` would make two DateTime ids within the same second equal, and the number 1
 * equal to the string '1'.
 *
 * @example
 * rowKey(post, { id: 7 }) === rowKey(post, { id: 7, title: 'x' }) // true
 */
export function rowKey(
  model: ModelDef,
  row: Readonly<Record<string, unknown>>,
): string | undefined {
  let key = '';
  for (const f of model.idFields) {
    const v = row[f];
    if (v === null || v === undefined) return undefined;
    const part =
      v instanceof Date
        ? `d${v.getTime()}`
        : v instanceof Uint8Array
          ? `y${v.join(',')}`
          : `${typeof v}:${String(v)}`;
    key += `${part.length}:${part}`;
  }
  return key;
}
