import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { FieldDef, ModelDef, SchemaDef } from '@warden/schema';
import { WardenError } from '@warden/schema';
import { relatedModel } from '../schema-util.js';

/** `"alias"."column"` of a model field. */
export function col(alias: string, model: ModelDef, fieldName: string): RawBuilder<unknown> {
  const f = model.fields[fieldName];
  return sql.ref(`${alias}.${f ? f.dbName : fieldName}`);
}

/** `"table" as "alias"`. */
export function tableAs(model: ModelDef, alias: string): RawBuilder<unknown> {
  return sql`${sql.table(model.dbName)} as ${sql.table(alias)}`;
}

/** How the rows of a relation's target are reached from a row of its owner. */
export interface RelationJoin {
  readonly target: ModelDef;
  /** The FROM item(s) for the target, aliased `innerAlias` (plus the join table for m-n). */
  readonly from: RawBuilder<unknown>;
  /** The predicate tying the target rows to the outer row `outerAlias`. */
  readonly on: RawBuilder<boolean>;
}

/**
 * The correlation between a row of `model` (alias `outer`) and the rows of `field`'s related
 * model (alias `inner`), for every relation kind including implicit many-to-many.
 */
export function relationJoin(
  schema: SchemaDef,
  model: ModelDef,
  field: FieldDef,
  outer: string,
  inner: string,
): RelationJoin {
  const rel = field.relation;
  if (!rel) throw new WardenError('CONFIG', `${model.name}.${field.name} is not a relation`);
  const target = relatedModel(schema, field);
  const pairs = (
    ownFields: readonly string[],
    refs: readonly string[],
    ownAlias: string,
    ownModel: ModelDef,
    refAlias: string,
    refModel: ModelDef,
  ) =>
    sql.join(
      ownFields.map(
        (f, i) => sql`${col(ownAlias, ownModel, f)} = ${col(refAlias, refModel, refs[i]!)}`,
      ),
      sql` and `,
    );
  if (rel.kind === 'many-to-many') {
    const jt = rel.joinTable;
    if (!jt)
      throw new WardenError('CONFIG', `${model.name}.${field.name}: explicit join model expected`);
    const j = `${inner}_j`;
    const targetId = target.idFields[0]!;
    const ownId = model.idFields[0]!;
    return {
      target,
      from: sql`${tableAs(target, inner)} inner join ${sql.table(jt.name)} as ${sql.table(j)} on ${sql.ref(`${j}.${jt.otherColumn}`)} = ${col(inner, target, targetId)}`,
      on: sql<boolean>`${sql.ref(`${j}.${jt.column}`)} = ${col(outer, model, ownId)}`,
    };
  }
  if (rel.fields && rel.references) {
    return {
      target,
      from: tableAs(target, inner),
      on: pairs(rel.fields, rel.references, outer, model, inner, target) as RawBuilder<boolean>,
    };
  }
  const back = target.fields[rel.opposite]?.relation;
  if (!back?.fields || !back.references) {
    throw new WardenError(
      'CONFIG',
      `${model.name}.${field.name}: opposite side has no foreign key`,
    );
  }
  return {
    target,
    from: tableAs(target, inner),
    on: pairs(back.fields, back.references, inner, target, outer, model) as RawBuilder<boolean>,
  };
}
