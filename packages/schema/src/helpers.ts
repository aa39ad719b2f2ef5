import type { FieldDef, ModelDef, SchemaDef } from './schema-def.js';

/** `BlogPost` -> `blogPost`: the name a model's delegate has on a client. */
export function lowerCaseFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The model named `name`, or `undefined`. Never follows the prototype chain. */
export function findModel(schema: SchemaDef, name: string): ModelDef | undefined {
  return Object.hasOwn(schema.models, name) ? schema.models[name] : undefined;
}

/** The field named `name` on `model`, or `undefined`. Never follows the prototype chain. */
export function findField(model: ModelDef, name: string): FieldDef | undefined {
  return Object.hasOwn(model.fields, name) ? model.fields[name] : undefined;
}

/** Fields stored in the model's own table: scalars, enums and unsupported types. */
export function columnFields(model: ModelDef): FieldDef[] {
  return Object.values(model.fields).filter((f) => f.kind !== 'relation');
}

/** Relation fields of `model`. */
export function relationFields(model: ModelDef): FieldDef[] {
  return Object.values(model.fields).filter((f) => f.kind === 'relation');
}

/**
 * The `where` key that names a row of `model` by its identity (`idFields`): the field for a
 * one-field identity, else the compound key (`a_b`, or a named `@@unique`'s name).
 *
 * @example
 * idKey(post) // 'id'
 * idKey(verificationToken) // 'identifier_token' (from @@unique([identifier, token]))
 */
export function idKey(model: ModelDef): string {
  const ids = model.idFields;
  if (ids.length === 1) return ids[0]!;
  return model.idUnique ?? ids.join('_');
}
