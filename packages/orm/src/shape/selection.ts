import type { FieldDef, ModelDef } from '@warden/schema';
import type { BuildScope } from '../plan/build-scope.js';
import { apiField, relatedModel } from '../schema-util.js';
import { checkedKeys, expectBoolean, expectObject } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput, isPlainObject } from '../validate/invalid.js';

/** What a result object of `model` contains, resolved from `select` / `include` / `omit`. */
export interface Selection {
  readonly model: ModelDef;
  readonly scalars: readonly FieldDef[];
  readonly relations: readonly RelationSelection[];
  readonly counts: readonly CountSelection[];
}

export interface RelationSelection {
  readonly field: FieldDef;
  /** The nested arguments object (`{ where, orderBy, take, ... }`), or `{}` for `true`. */
  readonly args: Record<string, unknown>;
  readonly path: ArgPath;
  readonly selection: Selection;
}

export interface CountSelection {
  readonly field: FieldDef;
  readonly where: unknown;
  readonly path: ArgPath;
}

const TO_MANY_ARGS = new Set([
  'select',
  'include',
  'omit',
  'where',
  'orderBy',
  'take',
  'skip',
  'cursor',
  'distinct',
]);
const TO_ONE_ARGS = new Set(['select', 'include', 'omit']);

/**
 * Resolves `select` / `include` / `omit` (at `path`, the object holding them) into a
 * `Selection`. Scalars come in schema order; `@omit` and `@ignore` fields are left out unless
 * selected (or un-omitted) explicitly.
 */
export function resolveSelection(
  scope: BuildScope,
  model: ModelDef,
  args: Record<string, unknown>,
  path: ArgPath,
): Selection {
  const { select, include, omit } = args;
  if (select !== undefined && include !== undefined) {
    throw invalidInput(
      [...path, 'select'],
      'select and include cannot be used together',
      scope.site,
    );
  }
  if (select !== undefined && omit !== undefined) {
    throw invalidInput([...path, 'select'], 'select and omit cannot be used together', scope.site);
  }
  const scalars: FieldDef[] = [];
  const relations: RelationSelection[] = [];
  let counts: CountSelection[] = [];
  const picked = new Set<string>();
  if (select !== undefined && select !== null) {
    const sel = expectObject(scope.site, [...path, 'select'], select);
    for (const key of Object.keys(sel)) {
      const v = sel[key];
      if (v === undefined) continue;
      const p = [...path, 'select', key];
      if (key === '_count') {
        counts = resolveCounts(scope, model, v, p);
        continue;
      }
      const field = apiField(model, key);
      if (!field)
        throw invalidInput(p, `unknown field '${key}' of model ${model.name}`, scope.site);
      if (field.kind === 'relation') {
        if (v === false) continue;
        relations.push(resolveRelation(scope, field, v, p));
      } else if (expectBoolean(scope.site, p, v)) picked.add(key);
    }
  } else {
    const omitted = new Set<string>();
    const shown = new Set<string>();
    if (omit !== undefined && omit !== null) {
      const om = expectObject(scope.site, [...path, 'omit'], omit);
      for (const key of Object.keys(om)) {
        if (om[key] === undefined) continue;
        const p = [...path, 'omit', key];
        const field = apiField(model, key);
        if (!field || field.kind === 'relation') {
          throw invalidInput(p, `unknown scalar field '${key}' of model ${model.name}`, scope.site);
        }
        (expectBoolean(scope.site, p, om[key]) ? omitted : shown).add(key);
      }
    }
    for (const f of Object.values(model.fields)) {
      if (f.kind === 'relation' || f.ignored || omitted.has(f.name)) continue;
      if (f.omit && !shown.has(f.name)) continue;
      picked.add(f.name);
    }
    if (include !== undefined && include !== null) {
      const inc = expectObject(scope.site, [...path, 'include'], include);
      for (const key of Object.keys(inc)) {
        const v = inc[key];
        if (v === undefined) continue;
        const p = [...path, 'include', key];
        if (key === '_count') {
          counts = resolveCounts(scope, model, v, p);
          continue;
        }
        const field = apiField(model, key);
        if (field?.kind !== 'relation') {
          throw invalidInput(p, `unknown relation '${key}' of model ${model.name}`, scope.site);
        }
        if (v === false) continue;
        relations.push(resolveRelation(scope, field, v, p));
      }
    }
  }
  for (const f of Object.values(model.fields)) if (picked.has(f.name)) scalars.push(f);
  return { model, scalars, relations, counts };
}

function resolveRelation(
  scope: BuildScope,
  field: FieldDef,
  value: unknown,
  path: ArgPath,
): RelationSelection {
  const target = relatedModel(scope.ctx.schema, field);
  if (value === true) {
    return { field, args: {}, path, selection: resolveSelection(scope, target, {}, path) };
  }
  if (!isPlainObject(value)) {
    throw invalidInput(
      path,
      `expected a boolean or an object, got ${describeType(value)}`,
      scope.site,
    );
  }
  checkedKeys(scope.site, path, value, field.list ? TO_MANY_ARGS : TO_ONE_ARGS);
  return { field, args: value, path, selection: resolveSelection(scope, target, value, path) };
}

function resolveCounts(
  scope: BuildScope,
  model: ModelDef,
  value: unknown,
  path: ArgPath,
): CountSelection[] {
  const toMany = Object.values(model.fields).filter(
    (f) => f.kind === 'relation' && f.list && !f.ignored,
  );
  if (value === false) return [];
  if (value === true) return toMany.map((field) => ({ field, where: undefined, path }));
  const obj = expectObject(scope.site, path, value);
  checkedKeys(scope.site, path, obj, new Set(['select']));
  const sel = expectObject(scope.site, [...path, 'select'], obj.select);
  const out: CountSelection[] = [];
  for (const key of Object.keys(sel)) {
    const v = sel[key];
    if (v === undefined || v === false) continue;
    const p = [...path, 'select', key];
    const field = apiField(model, key);
    if (!field || field.kind !== 'relation' || !field.list) {
      throw invalidInput(p, `unknown to-many relation '${key}' of model ${model.name}`, scope.site);
    }
    if (v === true) out.push({ field, where: undefined, path: p });
    else {
      const o = expectObject(scope.site, p, v);
      checkedKeys(scope.site, p, o, new Set(['where']));
      out.push({ field, where: o.where, path: [...p, 'where'] });
    }
  }
  return out;
}
