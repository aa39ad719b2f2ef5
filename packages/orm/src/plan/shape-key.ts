import { nullValueName } from '@warden/schema';
import { isPlainObject } from '../validate/invalid.js';
import { MAX_ARGUMENT_DEPTH, tooDeep } from '../validate/limits.js';

/** Top-level-ish argument keys whose object values hold data (values become parameters). */
const DATA_KEYS = new Set(['where', 'cursor', 'having']);
/** Keys inside data that still decide the SQL text, so their values are part of the shape. */
const STRUCT_IN_DATA = new Set(['mode', 'path', 'isEmpty']);

/**
 * Filters whose list is bound as one parameter (see `DialectHooks.inList`): only whether the
 * list is empty (a constant, no SQL) is part of the shape, never its length or its values.
 */
const LIST_OPS = new Set(['in', 'notIn']);

/** Pages of a list up to this one get statements of their own (see `literalSkip`). */
const LITERAL_PAGES = 10;

/**
 * `skip` when it is inlined as a literal OFFSET (and so is part of the plan's shape): a whole
 * number of pages of `take`, up to page LITERAL_PAGES, or 0 or 1 (the row of a cursor).
 * PostgreSQL re-plans a statement with a bound OFFSET on every execution, about 40 µs here: it
 * keeps choosing custom plans because it cannot cost a generic plan's unknown OFFSET. The
 * first pages, the ones read most, skip that, and the statements per shape stay bounded.
 *
 * @example
 * ```ts
 * literalSkip(20, 40); // 40: page 3 of 20
 * literalSkip(20, 45); // undefined: bound as a parameter
 * ```
 */
export function literalSkip(take: unknown, skip: unknown): number | undefined {
  if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0) return undefined;
  if (skip <= 1) return skip;
  if (typeof take !== 'number' || !Number.isInteger(take) || take === 0) return undefined;
  const size = Math.abs(take);
  return skip % size === 0 && skip / size <= LITERAL_PAGES ? skip : undefined;
}

/**
 * The shape of an argument object: its structure with every data value replaced by a type tag.
 * Two calls with the same shape compile to the same SQL; only parameter values differ.
 * Keys and structural strings are length-prefixed so no key can imitate another shape.
 */
export function shapeKey(args: unknown): string {
  return struct(args, 0);
}

function struct(v: unknown, depth: number): string {
  if (v === null) return '0';
  switch (typeof v) {
    case 'string':
      return `s${v.length}:${v}`;
    case 'number':
      return `n${v}`;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'undefined':
      return 'u';
    case 'object':
      break;
    case 'bigint':
    case 'function':
    case 'symbol':
      return typeof v;
  }
  if (++depth > MAX_ARGUMENT_DEPTH) throw tooDeep();
  if (Array.isArray(v)) {
    let out = '[';
    for (const item of v) out += struct(item, depth) + ',';
    return out + ']';
  }
  if (!isPlainObject(v) || nullValueName(v) !== undefined) return data(v, depth);
  let out = '{';
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const val = v[k];
    if (val === undefined) continue;
    out += `${k.length}:${k}=`;
    // `take` is part of the shape (it is inlined as a literal LIMIT, see pageSql); `skip` only
    // on the first pages (see literalSkip).
    if (k === 'take') out += typeof val === 'number' ? `n${val}` : data(val, depth);
    else if (k === 'skip')
      out +=
        literalSkip((v as { take?: unknown }).take, val) === undefined
          ? data(val, depth)
          : `n${val}`;
    else if (DATA_KEYS.has(k) && isPlainObject(val)) out += data(val, depth);
    else out += struct(val, depth);
    out += ';';
  }
  return out + '}';
}

function data(v: unknown, depth: number): string {
  if (v === null) return '0';
  switch (typeof v) {
    case 'string':
      return 's';
    case 'number':
      return 'n';
    case 'boolean':
      // Part of the shape: an equality on a Boolean field is inlined (see field-filter.ts).
      return v ? 'T' : 'F';
    case 'bigint':
      return 'i';
    case 'undefined':
      return 'u';
    case 'object':
      break;
    case 'function':
    case 'symbol':
      return typeof v;
  }
  if (++depth > MAX_ARGUMENT_DEPTH) throw tooDeep();
  if (Array.isArray(v)) {
    let out = `[${v.length}:`;
    for (const item of v) out += data(item, depth) + ',';
    return out + ']';
  }
  if (v instanceof Date) return 'd';
  if (v instanceof Uint8Array) return 'y';
  // DbNull / JsonNull / AnyNull pick different SQL (IS NULL, = 'null', both), so each is a shape.
  const nullName = nullValueName(v);
  if (nullName !== undefined) return nullName;
  if (!isPlainObject(v)) return 'o';
  let out = '{';
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const val = v[k];
    if (val === undefined) continue;
    const shape = STRUCT_IN_DATA.has(k)
      ? struct(val, depth)
      : LIST_OPS.has(k) && Array.isArray(val)
        ? val.length === 0
          ? '[]'
          : '[in]'
        : data(val, depth);
    out += `${k.length}:${k}=${shape};`;
  }
  return out + '}';
}
