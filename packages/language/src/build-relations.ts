import type { ReferentialAction, RelationDef } from '@warden/schema';
import type { Ident } from './ast.js';
import { asFieldRefs, asIdent, asString } from './arg-values.js';
import type { Diagnostics } from './diagnostic.js';
import { attr, type FieldInfo, type ModelInfo, type Mutable } from './model-info.js';

const ACTIONS = new Set<string>(['Cascade', 'Restrict', 'NoAction', 'SetNull', 'SetDefault']);

interface RelationSide {
  readonly field: FieldInfo;
  readonly target: ModelInfo;
  readonly name?: string;
  readonly fields?: Ident[];
  readonly references?: Ident[];
  readonly onDelete?: Ident;
  readonly onUpdate?: Ident;
  readonly node?: { span: Ident['span']; nameSpan: Ident['span'] };
}

/**
 * Pairs every relation field with its opposite (same two models, same `@relation` name) and
 * fills `relation` on both sides, plus `foreignKeyOf` on foreign-key fields.
 */
export function buildRelations(
  models: ReadonlyMap<string, ModelInfo>,
  diagnostics: Diagnostics,
): void {
  const groups = new Map<string, RelationSide[]>();
  for (const model of models.values()) {
    for (const field of model.fields.values()) {
      if (field.kind !== 'relation') continue;
      const target = models.get(field.type);
      if (!target) continue;
      const side = readSide(field, target, diagnostics);
      const [a, b] =
        model.name <= target.name ? [model.name, target.name] : [target.name, model.name];
      const key = `${a}\0${b}\0${side.name ?? ''}`;
      const group = groups.get(key);
      if (group) group.push(side);
      else groups.set(key, [side]);
    }
  }
  for (const group of groups.values()) {
    const [first, second] = group;
    if (!first) continue;
    if (group.length === 1) {
      const named = first.name === undefined ? '' : ` named '${first.name}'`;
      diagnostics.error(
        'missing-opposite-relation',
        `Relation field '${first.field.name}' on model '${first.field.model.name}' has no opposite relation field${named} on model '${first.target.name}'`,
        first.field.decl.name.span,
      );
      continue;
    }
    if (group.length > 2 || !second) {
      for (const side of group) {
        diagnostics.error(
          'ambiguous-relation',
          `Relation field '${side.field.name}' on model '${side.field.model.name}' is ambiguous: ${group.length} relation fields link '${first.field.model.name}' and '${first.target.name}'; give each pair a distinct @relation("name")`,
          side.field.decl.name.span,
        );
      }
      continue;
    }
    pair(first, second, diagnostics);
  }
}

function readSide(field: FieldInfo, target: ModelInfo, diagnostics: Diagnostics): RelationSide {
  const rel = attr(field.attributes, '@relation');
  if (!rel) return { field, target };
  const a = rel.args;
  const where = `@relation of field '${field.name}'`;
  const nameNode = a.get('name');
  const fieldsNode = a.get('fields');
  const refsNode = a.get('references');
  const onDeleteNode = a.get('onDelete');
  const onUpdateNode = a.get('onUpdate');
  const name = nameNode && asString(nameNode, `The relation name in ${where}`, diagnostics);
  const fields = fieldsNode && asFieldRefs(fieldsNode, `'fields' in ${where}`, diagnostics);
  const references = refsNode && asFieldRefs(refsNode, `'references' in ${where}`, diagnostics);
  const onDelete = onDeleteNode && asIdent(onDeleteNode, `'onDelete' in ${where}`, diagnostics);
  const onUpdate = onUpdateNode && asIdent(onUpdateNode, `'onUpdate' in ${where}`, diagnostics);
  for (const action of [onDelete, onUpdate]) {
    if (action && !ACTIONS.has(action.name)) {
      diagnostics.error(
        'invalid-referential-action',
        `'${action.name}' is not a referential action (use Cascade, Restrict, NoAction, SetNull or SetDefault)`,
        action.span,
      );
    }
  }
  return {
    field,
    target,
    ...(name === undefined ? {} : { name }),
    ...(fields ? { fields } : {}),
    ...(references ? { references } : {}),
    ...(onDelete && ACTIONS.has(onDelete.name) ? { onDelete } : {}),
    ...(onUpdate && ACTIONS.has(onUpdate.name) ? { onUpdate } : {}),
    node: rel.node,
  };
}

function pair(a: RelationSide, b: RelationSide, diagnostics: Diagnostics): void {
  const fa = a.field;
  const fb = b.field;
  const [m1, m2] = [fa.model.name, fb.model.name].sort();
  const name = a.name ?? b.name ?? `${m1}To${m2}`;
  const hasKeys = (s: RelationSide) => s.fields !== undefined || s.references !== undefined;
  let owner: RelationSide | undefined;
  let other: RelationSide | undefined;
  if (hasKeys(a) && hasKeys(b)) {
    diagnostics.error(
      'relation-fields-on-both-sides',
      `Relation '${name}' between '${fa.model.name}.${fa.name}' and '${fb.model.name}.${fb.name}' defines fields/references on both sides; keep them on the side that holds the foreign key`,
      (b.node ?? fb.decl).span,
    );
    return;
  }
  if (hasKeys(a)) [owner, other] = [a, b];
  else if (hasKeys(b)) [owner, other] = [b, a];

  for (const side of [a, b]) {
    if (side === owner) continue;
    for (const action of [side.onDelete, side.onUpdate]) {
      if (action) {
        diagnostics.error(
          'invalid-argument',
          `Referential actions belong on the side of relation '${name}' that has 'fields' (not on '${side.field.model.name}.${side.field.name}')`,
          action.span,
        );
      }
    }
  }

  if (!owner || !other) {
    if (fa.list && fb.list) {
      manyToMany(a, b, name, diagnostics);
      return;
    }
    const single = !fa.list ? a : b;
    diagnostics.error(
      'relation-missing-fields',
      `Relation field '${single.field.name}' on model '${single.field.model.name}' needs @relation(fields: [...], references: [...]) (relation '${name}' has no foreign key)`,
      single.field.decl.name.span,
    );
    return;
  }
  const of = owner.field;
  const xf = other.field;
  if (of.list) {
    diagnostics.error(
      'relation-fields-on-list',
      `List relation field '${of.name}' on model '${of.model.name}' cannot hold the foreign key; put 'fields'/'references' on '${xf.model.name}.${xf.name}'`,
      (owner.node ?? of.decl).span,
    );
    return;
  }
  const fkNames = checkKeys(owner, diagnostics);
  if (!fkNames) return;
  const oneToOne = !xf.list;
  if (oneToOne) {
    if (!owner.field.model.keys.some((k) => sameSet(k, fkNames.fields))) {
      diagnostics.error(
        'one-to-one-fk-not-unique',
        `Foreign key [${fkNames.fields.join(', ')}] of one-to-one relation field '${of.model.name}.${of.name}' must be unique: add @unique (or @@unique([...]))`,
        (owner.fields?.[0] ?? of.decl.name).span,
      );
    }
    if (!xf.optional) {
      diagnostics.error(
        'one-to-one-opposite-required',
        `Relation field '${xf.name}' on model '${xf.model.name}' must be optional ('${xf.type}?'): the foreign key of this one-to-one relation is on '${of.model.name}'`,
        xf.decl.type.span,
      );
    }
  }
  const fkFields = fkNames.fields
    .map((n) => of.model.fields.get(n))
    .filter((f): f is FieldInfo => !!f);
  if (!of.optional && fkFields.some((f) => f.optional)) {
    diagnostics.error(
      'relation-optionality',
      `Relation field '${of.name}' on model '${of.model.name}' is required but its foreign key uses optional fields; make the relation optional ('${of.type}?') or the fields required`,
      of.decl.type.span,
    );
  } else if (of.optional && fkFields.length > 0 && fkFields.every((f) => !f.optional)) {
    diagnostics.warning(
      'relation-optionality',
      `Relation field '${of.name}' on model '${of.model.name}' is optional but its foreign key is required; the relation can never be empty`,
      of.decl.type.span,
    );
  }
  const ownerDef: Mutable<RelationDef> = {
    name,
    kind: oneToOne ? 'one-to-one' : 'many-to-one',
    model: xf.model.name,
    opposite: xf.name,
    fields: fkNames.fields,
    references: fkNames.references,
  };
  if (owner.onDelete) ownerDef.onDelete = owner.onDelete.name as ReferentialAction;
  if (owner.onUpdate) ownerDef.onUpdate = owner.onUpdate.name as ReferentialAction;
  of.def.relation = ownerDef;
  xf.def.relation = {
    name,
    kind: oneToOne ? 'one-to-one' : 'one-to-many',
    model: of.model.name,
    opposite: of.name,
  };
  for (const f of fkFields) f.def.foreignKeyOf = [...(f.def.foreignKeyOf ?? []), of.name];
}

function checkKeys(
  owner: RelationSide,
  diagnostics: Diagnostics,
): { fields: string[]; references: string[] } | undefined {
  const f = owner.field;
  const where = `@relation of field '${f.name}' on model '${f.model.name}'`;
  if (!owner.fields || !owner.references) {
    diagnostics.error(
      'relation-fields-mismatch',
      `${where} needs both 'fields' and 'references'`,
      (owner.node ?? f.decl).span,
    );
    return undefined;
  }
  if (owner.fields.length !== owner.references.length) {
    diagnostics.error(
      'relation-fields-mismatch',
      `${where} has ${owner.fields.length} 'fields' but ${owner.references.length} 'references'`,
      (owner.node ?? f.decl).span,
    );
    return undefined;
  }
  let ok = true;
  for (let i = 0; i < owner.fields.length; i++) {
    const fk = owner.fields[i] as Ident;
    const ref = owner.references[i] as Ident;
    const fkField = f.model.fields.get(fk.name);
    const refField = owner.target.fields.get(ref.name);
    if (!fkField || fkField.kind === 'relation') {
      diagnostics.error(
        'unknown-field-reference',
        `Field '${fk.name}' in @relation(fields:) does not exist on model '${f.model.name}'${fkField ? ' as a scalar field' : ''}`,
        fk.span,
      );
      ok = false;
    }
    if (!refField || refField.kind === 'relation') {
      diagnostics.error(
        'unknown-field-reference',
        `Field '${ref.name}' in @relation(references:) does not exist on model '${owner.target.name}'${refField ? ' as a scalar field' : ''}`,
        ref.span,
      );
      ok = false;
    }
    if (fkField && refField && fkField.kind !== 'relation' && refField.kind !== 'relation') {
      if (fkField.type !== refField.type || fkField.list !== refField.list) {
        diagnostics.error(
          'relation-type-mismatch',
          `Foreign key '${f.model.name}.${fk.name}' (${fkField.type}) does not match the type of '${owner.target.name}.${ref.name}' (${refField.type})`,
          fk.span,
        );
        ok = false;
      }
    }
  }
  if (!ok) return undefined;
  const fields = owner.fields.map((i) => i.name);
  const references = owner.references.map((i) => i.name);
  if (!owner.target.keys.some((k) => sameSet(k, references))) {
    diagnostics.error(
      'relation-reference-not-unique',
      `'references' [${references.join(', ')}] in ${where} must be the id or a unique field set of model '${owner.target.name}'`,
      (owner.references[0] as Ident).span,
    );
    return undefined;
  }
  return { fields, references };
}

function manyToMany(
  a: RelationSide,
  b: RelationSide,
  name: string,
  diagnostics: Diagnostics,
): void {
  for (const side of [a, b]) {
    const def = side.field.model.def;
    // As in Prisma: the join table references the @id (a unique identity is not enough).
    if (def.idFields.length !== 1 || def.idUnique !== undefined) {
      diagnostics.error(
        'm2m-requires-single-id',
        `Model '${side.field.model.name}' needs a single-field @id to take part in the many-to-many relation '${name}'`,
        side.field.decl.name.span,
      );
      return;
    }
  }
  const self = a.field.model === b.field.model;
  const aFirst = self ? a.field.name <= b.field.name : a.field.model.name <= b.field.model.name;
  const joinTable = `_${name}`;
  const build = (side: RelationSide, other: RelationSide, column: 'A' | 'B'): RelationDef => ({
    name,
    kind: 'many-to-many',
    model: other.field.model.name,
    opposite: other.field.name,
    joinTable: { name: joinTable, column, otherColumn: column === 'A' ? 'B' : 'A' },
  });
  a.field.def.relation = build(a, b, aFirst ? 'A' : 'B');
  b.field.def.relation = build(b, a, aFirst ? 'B' : 'A');
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}
