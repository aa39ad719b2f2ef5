import type { EnumDef, FieldDef, ModelDef, SchemaDef } from '@warden/schema';
import { WardenError } from '@warden/schema';

/** The enum named `name`, or `undefined`. */
export function findEnum(schema: SchemaDef, name: string): EnumDef | undefined {
  return Object.hasOwn(schema.enums, name) ? schema.enums[name] : undefined;
}

/** The model named `name`; a CONFIG error when the schema has none (a broken SchemaDef). */
export function requireModel(schema: SchemaDef, name: string): ModelDef {
  if (!Object.hasOwn(schema.models, name)) {
    throw new WardenError('CONFIG', `schema has no model '${name}'`);
  }
  return schema.models[name]!;
}

/** The related model of a relation field. */
export function relatedModel(schema: SchemaDef, field: FieldDef): ModelDef {
  return requireModel(schema, field.relation?.model ?? field.type);
}

/** True for a to-many relation field. */
export function isToMany(field: FieldDef): boolean {
  return field.kind === 'relation' && field.list;
}

/** The field a model's fields are looked up by, skipping `@ignore`d ones. */
export function apiField(model: ModelDef, name: string): FieldDef | undefined {
  if (!Object.hasOwn(model.fields, name)) return undefined;
  const f = model.fields[name]!;
  return f.ignored ? undefined : f;
}
