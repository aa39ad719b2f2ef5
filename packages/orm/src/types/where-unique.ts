import type { SchemaDef } from '@warden/schema';
import type { FieldBaseInput } from './scalars.js';
import type { FieldsOf, ModelName } from './schema-access.js';
import type { WhereInput } from './where.js';

/** `['authorId', 'title']` -> `'authorId_title'`: Prisma's name for a compound key. */
export type JoinKey<T extends readonly string[]> = T extends readonly [infer H extends string]
  ? H
  : T extends readonly [infer H extends string, ...infer R extends readonly string[]]
    ? `${H}_${JoinKey<R>}`
    : string;

type CompoundValue<S extends SchemaDef, M extends ModelName<S>, Fs extends readonly string[]> = {
  [K in Fs[number] & keyof FieldsOf<S, M>]: FieldBaseInput<S, FieldsOf<S, M>[K]>;
};

/** One unique key as a one-property object: `{ email: string }` or `{ authorId_title: {...} }`. */
type UniqueEntry<
  S extends SchemaDef,
  M extends ModelName<S>,
  Fs extends readonly string[],
  Name extends string,
> = Fs extends readonly [infer F extends keyof FieldsOf<S, M> & string]
  ? { [K in F]: FieldBaseInput<S, FieldsOf<S, M>[K]> }
  : { [K in Name]: CompoundValue<S, M, Fs> };

type UniqueDefEntry<S extends SchemaDef, M extends ModelName<S>, U> = U extends {
  readonly fields: infer Fs extends readonly string[];
  readonly name: infer N extends string;
}
  ? UniqueEntry<S, M, Fs, N>
  : never;

type UniqueEntries<S extends SchemaDef, M extends ModelName<S>> =
  | UniqueEntry<S, M, S['models'][M]['idFields'], JoinKey<S['models'][M]['idFields']>>
  | UniqueDefEntry<S, M, S['models'][M]['uniques'][number]>;

/**
 * Selects at most one row: the id, an `@unique` field or a compound unique key is required,
 * other conditions may be added as in `where`.
 *
 * @example
 * ```ts
 * const a: WhereUniqueInput<typeof schema, 'Post'> = { id: 1 };
 * const b: WhereUniqueInput<typeof schema, 'Post'> = {
 *   authorId_title: { authorId: 'u1', title: 'Hello' },
 *   published: true,
 * };
 * ```
 */
export type WhereUniqueInput<S extends SchemaDef, M extends ModelName<S>> = UniqueEntries<S, M> &
  WhereInput<S, M>;
