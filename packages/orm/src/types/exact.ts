import type { Decimal } from 'decimal.js';

// Generic methods infer their argument `A` so results can follow `select` / `include`, but
// TypeScript does not check excess properties of an inferred argument below its top level.
// `ExactArgs<A, W>` walks the argument literal alongside the expected type `W` and yields the
// path of every key `W` does not know. Methods use it as their `this` type: `unknown` when the
// argument is clean, an error message otherwise. Keeping the check out of the parameter's type
// matters for speed: the parameter stays `A`, so contextual typing of the literal only looks at
// the constraint (cached per model) and the walk runs once, after inference, over the keys the
// caller wrote, never over the schema.

type Atom =
  | string
  | number
  | boolean
  | bigint
  | symbol
  | null
  | undefined
  | Date
  | Decimal
  | Uint8Array
  | ((...args: never[]) => unknown);

type ObjectPart<W> = W extends object ? (W extends readonly unknown[] ? never : W) : never;
type KeysOf<W> = W extends unknown ? keyof W : never;
type ValueAt<W, K> = W extends unknown ? (K extends keyof W ? W[K] : never) : never;
type ElementOf<W> = [Extract<W, readonly unknown[]>] extends [readonly (infer E)[]] ? E : never;

/**
 * The keys of `A` (at any depth) that `W` does not have. Only key names, not paths: a path
 * parameter would make every call site a new instantiation, defeating the compiler's cache.
 */
export type ExcessKeys<A, W> = [W] extends [A]
  ? never // the expected type itself (a variable typed with it), or `{}`: nothing to check
  : A extends Atom
    ? never
    : A extends readonly (infer E)[]
      ? ExcessKeys<E, ElementOf<W>>
      : [ObjectPart<W>] extends [never]
        ? never
        : | (A extends { select: object; include: object } ? 'select+include' : never)
          | {
              [K in keyof A & string]-?: K extends KeysOf<ObjectPart<W>>
                ? ExcessKeys<A[K], ValueAt<ObjectPart<W>, K>>
                : K;
            }[keyof A & string];

/**
 * `unknown` when argument `A` only uses keys that `W` knows (and never `select` with `include`),
 * otherwise a message naming the offending keys, which TypeScript shows in the error.
 */
export type ExactArgs<A, W> = [ExcessKeys<A, W>] extends [never]
  ? unknown
  : `Error: unknown argument or select+include together: ${ExcessKeys<A, W>}`;
