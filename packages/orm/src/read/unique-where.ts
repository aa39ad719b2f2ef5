import type { ModelDef } from '@warden/schema';
import type { ValidationSite } from '../validate/args.js';
import { expectObject } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { invalidInput, isPlainObject } from '../validate/invalid.js';
import { compoundKey } from '../filter/where.js';

/**
 * The ways a row of `model` can be identified: the id, each `@unique`, each compound key (an
 * identity taken from a unique is listed once, as that unique).
 */
export function uniqueKeys(model: ModelDef): string[][] {
  const keys: string[][] = model.idUnique === undefined ? [model.idFields.slice()] : [];
  for (const u of model.uniques) keys.push(u.fields.slice());
  return keys;
}

/**
 * Checks that `where` names a unique key of `model` with non-null values (`id`, an `@unique`
 * field, or a compound key `authorId_title: { ... }`); other filters may sit beside it.
 * Returns the fields of the key it found.
 *
 * @example
 * ```ts
 * resolveUniqueWhere(site, post, { authorId_title: { authorId: 1, title: 'x' } }, ['where']);
 * // ['authorId', 'title']
 * ```
 */
export function resolveUniqueWhere(
  site: ValidationSite,
  model: ModelDef,
  where: unknown,
  path: ArgPath,
): string[] {
  const obj = expectObject(site, path, where);
  const given = new Set<string>();
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v === undefined || v === null) continue;
    const compound = compoundKey(model, k);
    if (compound && isPlainObject(v)) {
      if (compound.fields.every((f) => v[f] !== undefined && v[f] !== null))
        return compound.fields.slice();
      continue;
    }
    if (isPlainObject(v)) {
      if (v.equals !== undefined && v.equals !== null && Object.keys(v).length === 1) given.add(k);
    } else given.add(k);
  }
  for (const key of uniqueKeys(model)) if (key.length === 1 && given.has(key[0]!)) return key;
  for (const key of uniqueKeys(model))
    if (key.length > 1 && key.every((f) => given.has(f))) return key;
  const options = uniqueKeys(model).map((k) => (k.length === 1 ? k[0] : `${k.join('_')}`));
  throw invalidInput(path, `expected a unique filter: one of ${options.join(', ')}`, site);
}
