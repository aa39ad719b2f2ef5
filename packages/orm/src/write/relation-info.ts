import type { FieldDef, JoinTableDef, ModelDef, SchemaDef } from '@warden/schema';
import { WardenError } from '@warden/schema';
import { relatedModel } from '../schema-util.js';

/**
 * How a relation field is written, seen from the model that has it:
 * - `owner`: to-one, the foreign key is on this model (`Post.author`);
 * - `inverse`: to-one, the foreign key is on the related model (`User.profile`);
 * - `toMany`: one-to-many, the foreign key is on the related model (`User.posts`);
 * - `m2m`: implicit many-to-many through `joinTable`.
 */
export type RelationSide = 'owner' | 'inverse' | 'toMany' | 'm2m';

export interface RelationInfo {
  readonly field: FieldDef;
  readonly model: ModelDef;
  readonly target: ModelDef;
  readonly side: RelationSide;
  /** Foreign-key fields: on `model` for `owner`, on `target` for `inverse` / `toMany`. */
  readonly fk: readonly string[];
  /** The fields they reference: on `target` for `owner`, on `model` for `inverse` / `toMany`. */
  readonly refs: readonly string[];
  /** The relation field on `target` pointing back (excluded from nested create data). */
  readonly opposite: string;
  readonly join?: JoinTableDef;
}

const cache = new WeakMap<FieldDef, RelationInfo>();

/** Resolves (once per field) how the relation `field` of `model` is written. */
export function relationInfo(schema: SchemaDef, model: ModelDef, field: FieldDef): RelationInfo {
  const hit = cache.get(field);
  if (hit) return hit;
  const rel = field.relation;
  if (!rel) throw new WardenError('CONFIG', `${model.name}.${field.name} is not a relation`);
  const target = relatedModel(schema, field);
  let info: RelationInfo;
  if (rel.kind === 'many-to-many') {
    if (!rel.joinTable)
      throw new WardenError(
        'CONFIG',
        `${model.name}.${field.name}: many-to-many without a join table`,
      );
    info = {
      field,
      model,
      target,
      side: 'm2m',
      fk: [],
      refs: [],
      opposite: rel.opposite,
      join: rel.joinTable,
    };
  } else if (rel.fields && rel.references) {
    info = {
      field,
      model,
      target,
      side: 'owner',
      fk: rel.fields,
      refs: rel.references,
      opposite: rel.opposite,
    };
  } else {
    const back = target.fields[rel.opposite]?.relation;
    if (!back?.fields || !back.references) {
      throw new WardenError(
        'CONFIG',
        `${model.name}.${field.name}: opposite side has no foreign key`,
      );
    }
    info = {
      field,
      model,
      target,
      side: field.list ? 'toMany' : 'inverse',
      fk: back.fields,
      refs: back.references,
      opposite: rel.opposite,
    };
  }
  cache.set(field, info);
  return info;
}
