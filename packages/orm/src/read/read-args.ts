import type { ValidationSite } from '../validate/args.js';
import { checkedKeys, expectObject } from '../validate/args.js';

export const FIND_MANY_ARGS = new Set([
  'where',
  'select',
  'include',
  'omit',
  'orderBy',
  'take',
  'skip',
  'cursor',
  'distinct',
]);
export const FIND_UNIQUE_ARGS = new Set(['where', 'select', 'include', 'omit']);

/** The operation's argument object (`{}` when absent), with unknown keys rejected. */
export function readArgs(
  site: ValidationSite,
  args: unknown,
  allowed: ReadonlySet<string>,
): Record<string, unknown> {
  if (args === undefined) return {};
  const obj = expectObject(site, [], args);
  checkedKeys(site, [], obj, allowed);
  return obj;
}
