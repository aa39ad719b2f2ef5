import { findField, findModel, type SchemaDef } from '@warden/schema';

/**
 * The models a query reads: its own, and every model its `include`, `select` and relation
 * filters reach. A cached query is stale when a mutation touches any of them.
 */
export function modelsReadBy(schema: SchemaDef, model: string, args: unknown): Set<string> {
  const out = new Set<string>([model]);
  walk(schema, model, args, out, ['include', 'select', 'where', '_count', 'orderBy']);
  return out;
}

/**
 * The models a mutation may change: its own, every model its nested writes reach, and for
 * deletes the models whose rows cascade from it.
 */
export function modelsWrittenBy(
  schema: SchemaDef,
  model: string,
  operation: string,
  args: unknown,
): Set<string> {
  const out = new Set<string>([model]);
  const data = isObject(args) ? [args.data, args.create, args.update] : [];
  for (const d of data) walkData(schema, model, d, out);
  if (operation === 'delete' || operation === 'deleteMany') addCascades(schema, model, out);
  return out;
}

/** Rows of other models that a delete of `model` removes through `onDelete: Cascade`. */
function addCascades(schema: SchemaDef, model: string, out: Set<string>): void {
  for (const other of Object.values(schema.models)) {
    if (out.has(other.name)) continue;
    for (const field of Object.values(other.fields)) {
      const r = field.relation;
      if (r?.model === model && r.fields && r.onDelete === 'Cascade') {
        out.add(other.name);
        addCascades(schema, other.name, out);
        break;
      }
    }
  }
}

function walk(
  schema: SchemaDef,
  model: string,
  args: unknown,
  out: Set<string>,
  keys: string[],
): void {
  if (!isObject(args)) return;
  const def = findModel(schema, model);
  if (!def) return;
  for (const key of keys) {
    const value = args[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (!isObject(item)) continue;
      for (const [name, nested] of Object.entries(item)) {
        if (name === 'AND' || name === 'OR' || name === 'NOT' || name === '_count') {
          walk(schema, model, { [key]: nested }, out, [key]);
          if (name === '_count' && isObject(nested)) walk(schema, model, nested, out, ['select']);
          continue;
        }
        const field = findField(def, name);
        if (field?.kind !== 'relation') continue;
        out.add(field.type);
        walk(schema, field.type, nested, out, ['include', 'select', 'where', 'orderBy']);
        if (isObject(nested)) {
          for (const filter of ['some', 'every', 'none', 'is', 'isNot']) {
            if (isObject(nested[filter]))
              walk(schema, field.type, { where: nested[filter] }, out, ['where']);
          }
        }
      }
    }
  }
}

function walkData(schema: SchemaDef, model: string, data: unknown, out: Set<string>): void {
  const def = findModel(schema, model);
  if (!def) return;
  for (const item of Array.isArray(data) ? data : [data]) {
    if (!isObject(item)) continue;
    for (const [name, nested] of Object.entries(item)) {
      const field = findField(def, name);
      if (field?.kind !== 'relation' || !isObject(nested)) continue;
      out.add(field.type);
      for (const payload of Object.values(nested)) {
        for (const p of Array.isArray(payload) ? payload : [payload]) {
          if (!isObject(p)) continue;
          walkData(schema, field.type, p.data ?? p.create ?? p, out);
          if (p.update) walkData(schema, field.type, p.update, out);
        }
      }
    }
  }
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
