import type { SchemaDef } from '@warden/schema';
import type { FieldOutput } from './scalars.js';
import type {
  DefaultFieldName,
  FieldName,
  FieldsOf,
  ModelName,
  RelatedModel,
  RelationFieldName,
  ScalarFieldName,
  ToManyFieldName,
} from './schema-access.js';

/** Keys of `X` whose value is not `false` / `undefined` / `null`: what `select` turns on. */
export type TruthyKeys<X> = {
  [K in keyof X]-?: X[K] extends false | undefined | null ? never : K;
}[keyof X];

type FalseKeys<X> = { [K in keyof X]-?: X[K] extends false ? K : never }[keyof X];

type Get<X, K> = K extends keyof X ? X[K] : undefined;

/** `_count` in a result: one number per counted relation. */
export type CountResult<S extends SchemaDef, M extends ModelName<S>, V> = V extends {
  select: infer C;
}
  ? { [K in TruthyKeys<C> & ToManyFieldName<S, M>]: number }
  : { [K in ToManyFieldName<S, M>]: number };

/** A relation in a result: shaped by its nested arguments, an array, or `| null` if optional. */
export type RelationResult<S extends SchemaDef, M extends ModelName<S>, K, V> = FieldsOf<S, M>[K &
  keyof FieldsOf<S, M>]['list'] extends true
  ? RelationItem<S, RelatedModel<S, M, K>, V>[]
  : FieldsOf<S, M>[K & keyof FieldsOf<S, M>]['optional'] extends true
    ? RelationItem<S, RelatedModel<S, M, K>, V> | null
    : RelationItem<S, RelatedModel<S, M, K>, V>;

type RelationItem<S extends SchemaDef, T extends ModelName<S>, V> = V extends object
  ? ModelResult<S, T, V>
  : DefaultResult<S, T>;

/** The properties `Keys` of a row of `M`, with `Sub` (a `select` or `include`) shaping relations. */
type PickResult<S extends SchemaDef, M extends ModelName<S>, Keys extends string, Sub> = {
  [K in Keys]: K extends '_count'
    ? CountResult<S, M, Get<Sub, K>>
    : K extends RelationFieldName<S, M>
      ? RelationResult<S, M, K, Get<Sub, K>>
      : FieldOutput<S, FieldsOf<S, M>[K]>;
};

/** A row of `M` with no arguments: every scalar field except `@omit` ones. */
export type DefaultResult<S extends SchemaDef, M extends ModelName<S>> = {
  [K in DefaultFieldName<S, M>]: FieldOutput<S, FieldsOf<S, M>[K]>;
};

type OmittedKeys<S extends SchemaDef, M extends ModelName<S>, O> =
  Exclude<DefaultFieldName<S, M>, TruthyKeys<O>> | (FalseKeys<O> & ScalarFieldName<S, M>);

/**
 * The result row of model `M` for arguments `A` (`select`, `include`, `omit`, recursively).
 *
 * @example
 * ```ts
 * type PostWithAuthor = ModelResult<typeof schema, 'Post', { include: { author: true } }>;
 * type User = ModelResult<typeof schema, 'User'>; // no password: it is @omit
 * ```
 */
export type ModelResult<S extends SchemaDef, M extends ModelName<S>, A = object> = A extends {
  select: infer Sel extends object;
}
  ? PickResult<S, M, TruthyKeys<Sel> & (FieldName<S, M> | '_count'), Sel>
  : A extends { include: infer Inc extends object }
    ? PickResult<
        S,
        M,
        | OmittedKeys<S, M, Get<A, 'omit'>>
        | (TruthyKeys<Inc> & (RelationFieldName<S, M> | '_count')),
        Inc
      >
    : A extends { omit: infer O extends object }
      ? PickResult<S, M, OmittedKeys<S, M, O>, undefined>
      : DefaultResult<S, M>;
