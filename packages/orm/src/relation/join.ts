import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { FieldDef, ModelDef } from '@warden/schema';
import { WardenError } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { andAll, fromHook, type Pred } from '../filter/predicate.js';
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
  /**
   * The predicate tying the target rows to the outer row `outerAlias`. Under a policy it also
   * requires the foreign key to be readable (`linkReadable`): `false` when it never is.
   */
  readonly on: Pred;
}

/**
 * The correlation between a row of `model` (alias `outer`) and the rows of `field`'s related
 * model (alias `inner`), for every relation kind including implicit many-to-many. Every read
 * that follows a relation (includes, nested selects, relation filters, ordering, `_count`)
 * builds its join here, so a foreign key the caller may not read hides the link everywhere.
 */
export function relationJoin(
  ctx: QueryContext,
  model: ModelDef,
  field: FieldDef,
  outer: string,
  inner: string,
): RelationJoin {
  const schema = ctx.schema;
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
      on: andAll([
        pairs(rel.fields, rel.references, outer, model, inner, target) as RawBuilder<boolean>,
        linkReadable(ctx, model, rel.fields, outer),
      ]),
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
    on: andAll([
      pairs(back.fields, back.references, inner, target, outer, model) as RawBuilder<boolean>,
      linkReadable(ctx, target, back.fields, inner),
    ]),
  };
}

/**
 * True where the caller may read every foreign-key field `fields` of `model` (at `alias`): a
 * relation is no more readable than the key it is joined through, from either side (else
 * `author: { id: 1 }` would reveal a hidden `authorId`, and `user.posts` the same key). Asked
 * as `link`, which masks id fields too (a key that is part of an id still links the rows).
 */
function linkReadable(
  ctx: QueryContext,
  model: ModelDef,
  fields: readonly string[],
  alias: string,
): Pred {
  const hooks = ctx.hooks;
  if (!hooks?.fieldReadable) return true;
  return andAll(fields.map((f) => fromHook(hooks.fieldReadable!(model, f, alias, ctx, 'link'))));
}
