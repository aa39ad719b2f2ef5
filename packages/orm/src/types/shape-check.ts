import type { SchemaDef } from '@warden/schema';
import type { ComparableFieldName, NumericFieldName } from './aggregate.js';
import type {
  ModelName,
  RelatedModel,
  RelationFieldName,
  ScalarFieldName,
} from './schema-access.js';

// `select` / `include` / `omit` are inferred (the result follows them), and TypeScript does not
// reject unknown keys inside an inferred argument. These walkers find them using the model's
// own key sets, which the compiler caches per model; a generic "exact" walker over the input
// types cost half the type-check time of a 100-model usage file.

type RelationArgKey =
  'select' | 'include' | 'omit' | 'where' | 'orderBy' | 'cursor' | 'take' | 'skip' | 'distinct';

type BothSelectAndInclude<X> = X extends { select: object; include: object }
  ? 'select+include'
  : never;

type RelationArgsExcess<S extends SchemaDef, T extends ModelName<S>, R> = R extends object
  ? | Exclude<keyof R, RelationArgKey>
    | BothSelectAndInclude<R>
    | (R extends { select: infer X } ? SelectExcess<S, T, X> : never)
    | (R extends { include: infer X } ? IncludeExcess<S, T, X> : never)
    | (R extends { omit: infer X } ? OmitExcess<S, T, X> : never)
  : never;

type CountExcess<S extends SchemaDef, M extends ModelName<S>, C> = C extends { select: infer X }
  ? Exclude<keyof X, RelationFieldName<S, M>>
  : C extends object
    ? Exclude<keyof C, 'select'>
    : never;

type RelationsExcess<S extends SchemaDef, M extends ModelName<S>, X> = {
  [K in keyof X]-?: K extends RelationFieldName<S, M>
    ? RelationArgsExcess<S, RelatedModel<S, M, K>, X[K]>
    : K extends '_count'
      ? CountExcess<S, M, X[K]>
      : never;
}[keyof X];

/** Unknown keys anywhere in a `select` of model `M`. */
export type SelectExcess<S extends SchemaDef, M extends ModelName<S>, X> = X extends object
  ? | Exclude<keyof X, ScalarFieldName<S, M> | RelationFieldName<S, M> | '_count'>
    | RelationsExcess<S, M, X>
  : never;

/** Unknown keys anywhere in an `include` of model `M`. */
export type IncludeExcess<S extends SchemaDef, M extends ModelName<S>, X> = X extends object
  ? Exclude<keyof X, RelationFieldName<S, M> | '_count'> | RelationsExcess<S, M, X>
  : never;

/** Unknown keys in an `omit` of model `M`. */
export type OmitExcess<S extends SchemaDef, M extends ModelName<S>, X> = X extends object
  ? Exclude<keyof X, ScalarFieldName<S, M>>
  : never;

/**
 * The `this` type of the shaping methods: `unknown` when `select` / `include` / `omit` are
 * clean, otherwise a message naming the unknown keys (or `select+include`), shown as the error.
 */
export type ShapeCheck<S extends SchemaDef, M extends ModelName<S>, Sel, Inc, Om> = [
  | SelectExcess<S, M, Sel>
  | IncludeExcess<S, M, Inc>
  | OmitExcess<S, M, Om>
  | (Sel extends object ? (Inc extends object ? 'select+include' : never) : never),
] extends [never]
  ? unknown
  : `Error: unknown key in select/include/omit, or both select and include: ${
      | (SelectExcess<S, M, Sel> & string)
      | (IncludeExcess<S, M, Inc> & string)
      | (OmitExcess<S, M, Om> & string)
      | (Sel extends object ? (Inc extends object ? 'select+include' : never) : never)}`;

type KeysOutside<X, Allowed> = X extends object ? Exclude<keyof X, Allowed> : never;

/** The `this` type of `count`: rejects unknown keys in its `select`. */
export type CountCheck<S extends SchemaDef, M extends ModelName<S>, Sel> = [
  KeysOutside<Sel, '_all' | ScalarFieldName<S, M>>,
] extends [never]
  ? unknown
  : `Error: unknown key in select: ${KeysOutside<Sel, '_all' | ScalarFieldName<S, M>> & string}`;

/** The `this` type of `aggregate` / `groupBy`: rejects unknown keys in the aggregate selections. */
export type AggregatesCheck<S extends SchemaDef, M extends ModelName<S>, C, Su, Av, Mi, Ma> = [
  | KeysOutside<C, '_all' | ScalarFieldName<S, M>>
  | KeysOutside<Su, NumericFieldName<S, M>>
  | KeysOutside<Av, NumericFieldName<S, M>>
  | KeysOutside<Mi, ComparableFieldName<S, M>>
  | KeysOutside<Ma, ComparableFieldName<S, M>>,
] extends [never]
  ? unknown
  : `Error: unknown or unsuitable field in an aggregate: ${
      | (KeysOutside<C, '_all' | ScalarFieldName<S, M>> & string)
      | (KeysOutside<Su, NumericFieldName<S, M>> & string)
      | (KeysOutside<Av, NumericFieldName<S, M>> & string)
      | (KeysOutside<Mi, ComparableFieldName<S, M>> & string)
      | (KeysOutside<Ma, ComparableFieldName<S, M>> & string)}`;
