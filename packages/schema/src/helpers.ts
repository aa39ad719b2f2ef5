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
