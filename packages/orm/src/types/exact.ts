import type { Decimal } from 'decimal.js';

// Generic methods infer their argument `A` so results can follow `select` / `include`, but
// TypeScript does not check excess properties of a generic argument below the top level.
// `Exact<A, W>` walks the (small) argument literal alongside the expected type `W` and turns
// every unknown key into `never`, so typos deep in `where` or `data` are errors. It costs in
// proportion to the argument written, never to the size of the schema.

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

type ObjectPart<W> = Exclude<W, Atom | readonly unknown[]>;
type KeysOf<W> = W extends unknown ? keyof W : never;
type ValueAt<W, K> = W extends unknown ? (K extends keyof W ? W[K] : never) : never;
type ElementOf<W> = [Extract<W, readonly unknown[]>] extends [readonly (infer E)[]] ? E : never;

/** `A` with every key that `W` does not know mapped to `never` (deeply). */
export type Exact<A, W> = A extends Atom
  ? A
  : A extends readonly (infer E)[]
    ? [ElementOf<W>] extends [never]
      ? A
      : Exact<E, ElementOf<W>>[]
    : [ObjectPart<W>] extends [never]
      ? A
      : KeysOf<ObjectPart<W>> extends infer WK
        ? {
            [K in keyof A]: K extends WK
              ? K extends 'include'
                ? A extends { select: object }
                  ? 'Error: use either `select` or `include`, not both'
                  : Exact<A[K], ValueAt<ObjectPart<W>, K>>
                : Exact<A[K], ValueAt<ObjectPart<W>, K>>
              : never;
          }
        : never;
