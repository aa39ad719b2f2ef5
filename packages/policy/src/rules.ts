import type {
  FieldDef,
  FieldPolicyRule,
  ModelDef,
  PolicyOperation,
  PolicyRule,
  SchemaDef,
} from '@warden/schema';
import { WardenError, findField, findModel } from '@warden/schema';
import type { SplitRules } from './semantics/truth.js';

/** The model named `name`, or a `CONFIG` error naming it. */
export function requireModel(schema: SchemaDef, name: string): ModelDef {
  const model = findModel(schema, name);
  if (!model) throw new WardenError('CONFIG', `Unknown model "${name}" in a policy rule`);
  return model;
}

/** The field `name` of `model`, or a `CONFIG` error naming both. */
export function requireField(model: ModelDef, name: string): FieldDef {
  const field = findField(model, name);
  if (!field) {
    throw new WardenError('CONFIG', `Unknown field "${model.name}.${name}" in a policy rule`, {
      model: model.name,
    });
  }
  return field;
}

export type { SplitRules };

/** The model's `@@allow` / `@@deny` rules that apply to `operation`, in source order. */
export function rulesFor(model: ModelDef, operation: PolicyOperation): readonly PolicyRule[] {
  return model.policies.filter((rule) => rule.operations.includes(operation));
}

/** The model's `@@allow` / `@@deny` rules that apply to `operation`, split by kind. */
export function modelRules(model: ModelDef, operation: PolicyOperation): SplitRules<PolicyRule> {
  const rules = rulesFor(model, operation);
  return {
    allows: rules.filter((r) => r.kind === 'allow'),
    denies: rules.filter((r) => r.kind === 'deny'),
  };
}

/** A field's `@allow` / `@deny` rules for `read` or `update`, split by kind. */
export function fieldRules(
  field: FieldDef,
  operation: 'read' | 'update',
): SplitRules<FieldPolicyRule> {
  const allows: FieldPolicyRule[] = [];
  const denies: FieldPolicyRule[] = [];
  for (const rule of field.policies ?? []) {
    if (!rule.operations.includes(operation)) continue;
    (rule.kind === 'allow' ? allows : denies).push(rule);
  }
  return { allows, denies };
}

/** True when some field of `model` has a rule for `operation`. */
export function hasFieldRules(model: ModelDef, operation: 'read' | 'update'): boolean {
  return Object.values(model.fields).some((f) =>
    (f.policies ?? []).some((r) => r.operations.includes(operation)),
  );
}

/** The auth model of the schema (`@@auth`, else `User`), if any. */
export function authModel(schema: SchemaDef): ModelDef | undefined {
  return findModel(schema, schema.authModel ?? 'User');
}
