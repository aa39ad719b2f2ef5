import type { ExprNode } from './ast.js';
import { asFieldRefs, asString } from './arg-values.js';
import type { Diagnostics } from './diagnostic.js';
import { attr, type ModelInfo } from './model-info.js';

/** `@id`/`@@id`, `@unique`/`@@unique`, `@@index`, `@@map` of one model. */
export function buildModelKeys(model: ModelInfo, diagnostics: Diagnostics): void {
  const def = model.def;
  const idFields = [...model.fields.values()].filter((f) => attr(f.attributes, '@id'));
  const atAtId = attr(model.attributes, '@@id');
  if (idFields.length > 1) {
    for (const f of idFields.slice(1)) {
      diagnostics.error(
        'duplicate-id',
        `Model '${model.name}' has more than one @id field; use @@id([...]) for a composite id`,
        (attr(f.attributes, '@id')?.node ?? f.decl).span,
      );
    }
  }
  if (idFields.length > 0 && atAtId) {
    diagnostics.error(
      'duplicate-id',
      `Model '${model.name}' has both @id and @@id`,
      atAtId.node.nameSpan,
    );
  }
  const fieldRefs = (node: ExprNode, what: string): string[] | undefined => {
    const refs = asFieldRefs(node, what, diagnostics);
    if (!refs) return undefined;
    let ok = true;
    for (const ref of refs) {
      const f = model.fields.get(ref.name);
      if (!f) {
        diagnostics.error(
          'unknown-field-reference',
          `Field '${ref.name}' in ${what} does not exist on model '${model.name}'`,
          ref.span,
        );
        ok = false;
      } else if (f.kind === 'relation') {
        diagnostics.error(
          'invalid-argument',
          `Field '${ref.name}' in ${what} is a relation field; name its foreign-key fields instead`,
          ref.span,
        );
        ok = false;
      }
    }
    return ok ? refs.map((r) => r.name) : undefined;
  };
  if (idFields[0]) {
    def.idFields = [idFields[0].name];
    idFields[0].def.id = true;
  } else if (atAtId) {
    const fields = fieldRefs(atAtId.args.get('fields') as ExprNode, '@@id');
    if (fields) {
      def.idFields = fields;
      for (const name of fields) {
        const f = model.fields.get(name);
        if (!f) continue;
        if (f.optional || f.list || f.kind === 'unsupported') {
          diagnostics.error(
            'invalid-id-field',
            `Field '${name}' of model '${model.name}' cannot be part of @@id: it must be required and not a list`,
            atAtId.node.nameSpan,
          );
        }
        f.def.id = true;
      }
    }
  }
  if (def.idFields.length > 0) model.keys.push(def.idFields);
  const uniques: { name: string; fields: string[]; dbName?: string }[] = [];
  for (const f of model.fields.values()) {
    const u = attr(f.attributes, '@unique');
    if (!u || !f.def.unique) continue;
    if (def.idFields.length === 1 && def.idFields[0] === f.name) continue;
    const map = u.args.get('map');
    const dbName = map === undefined ? undefined : asString(map, `'map' of '@unique'`, diagnostics);
    uniques.push({ name: f.name, fields: [f.name], ...(dbName === undefined ? {} : { dbName }) });
  }
  const indexes: { name?: string; fields: string[] }[] = [];
  for (const a of model.attributes) {
    if (a.node.name !== '@@unique' && a.node.name !== '@@index') continue;
    const fields = fieldRefs(a.args.get('fields') as ExprNode, a.node.name);
    if (!fields) continue;
    const nameNode = a.args.get('name');
    const mapNode = a.args.get('map');
    const name =
      nameNode === undefined
        ? undefined
        : asString(nameNode, `'name' of '${a.node.name}'`, diagnostics);
    const dbName =
      mapNode === undefined
        ? undefined
        : asString(mapNode, `'map' of '${a.node.name}'`, diagnostics);
    if (a.node.name === '@@unique') {
      uniques.push({
        name: name ?? fields.join('_'),
        fields,
        ...(dbName === undefined ? {} : { dbName }),
      });
    } else {
      const indexName = name ?? dbName;
      indexes.push({ ...(indexName === undefined ? {} : { name: indexName }), fields });
    }
  }
  def.uniques = uniques;
  def.indexes = indexes;
  for (const u of uniques) model.keys.push(u.fields);
  const map = attr(model.attributes, '@@map');
  if (map) {
    const v = asString(map.args.get('name') as ExprNode, `The name in '@@map'`, diagnostics);
    if (v !== undefined) def.dbName = v;
  }
  model.auth = attr(model.attributes, '@@auth') !== undefined;
  if (model.flat.abstract || def.idFields.length > 0 || idFields[0] || atAtId) return;
  // No primary key: the first unique of required fields is the identity (Prisma's rule).
  const identity = uniques.find((u) =>
    u.fields.every((name) => {
      const f = model.fields.get(name);
      return f !== undefined && !f.optional && !f.list && f.kind !== 'unsupported';
    }),
  );
  if (identity) {
    def.idFields = identity.fields.slice();
    def.idUnique = identity.name;
    return;
  }
  diagnostics.error(
    'missing-id',
    `Model '${model.name}' has no unique criterion of required fields: mark a field with @id or @unique, or add @@id([...]) or @@unique([...]) of required fields`,
    model.flat.decl.name.span,
  );
}
