import { sql } from 'kysely';
import type { FieldDef, ModelDef } from '@warden/schema';
import { BuildScope } from '../plan/build-scope.js';
import { resolveParams } from '../plan/param-ref.js';
import { buildWhere } from '../filter/where.js';
import { resolveUniqueWhere } from '../read/unique-where.js';
import { apiField } from '../schema-util.js';
import { expectBoolean, expectObject } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput, isPlainObject } from '../validate/invalid.js';
import { fillDefault } from './defaults.js';
import { writeHooks } from './write-hooks.js';
import { encodeField } from './encode-field.js';
import { checkModelRules } from './model-rules.js';
import type {
  CreatePlan,
  NumberOp,
  RelationOp,
  SetItem,
  UpdatePlan,
  WhereRef,
} from './plan-types.js';
import type { RelationInfo } from './relation-info.js';
import { relationInfo } from './relation-info.js';
import type { WriteScope } from './write-scope.js';

const NUMERIC = new Set(['Int', 'BigInt', 'Float', 'Decimal']);
const NUMBER_OPS = new Set(['set', 'increment', 'decrement', 'multiply', 'divide']);

/**
 * Checks a `where` before any SQL runs: its structure (and, with `unique`, that it names a
 * unique key), then every value, by building it once and encoding its parameters.
 */
export function checkWhere(
  w: WriteScope,
  model: ModelDef,
  where: unknown,
  path: ArgPath,
  unique: boolean,
): WhereRef {
  if (unique) resolveUniqueWhere(w.site, model, where, path);
  const scope = new BuildScope(w.ctx, w.site);
  const pred = buildWhere(scope, model, scope.nextAlias(), where, path);
  if (typeof pred !== 'boolean') {
    const compiled = sql`select 1 where ${pred}`.compile(w.ctx.kysely);
    resolveParams(compiled.parameters, w.root, w.ctx.hooks);
  }
  return { value: where, path };
}

/** Where the parent of a nested create stands: the fields it fills and the back relation. */
export interface NestedIn {
  readonly fixed: ReadonlySet<string>;
  readonly opposite: string;
}

const TOP: NestedIn = { fixed: new Set(), opposite: '' };

/** `create` data of `model` at `path` -> a checked `CreatePlan` (defaults filled, rules checked). */
export function parseCreate(
  w: WriteScope,
  model: ModelDef,
  data: unknown,
  path: ArgPath,
  nested: NestedIn = TOP,
): CreatePlan {
  const obj = expectObject(w.site, path, data);
  const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const api: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const before: RelationOp[] = [];
  const after: RelationOp[] = [];
  const coveredFk = new Set<string>();
  const givenRelations: RelationInfo[] = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    const p = [...path, key];
    const field = apiField(model, key);
    if (!field || field.kind === 'unsupported')
      throw invalidInput(p, `unknown field '${key}' of model ${model.name}`, w.site);
    if (field.kind === 'relation') {
      if (key === nested.opposite)
        throw invalidInput(p, `relation '${key}' is set by the enclosing write`, w.site);
      const rel = relationInfo(w.ctx.schema, model, field);
      const ops = parseRelation(w, rel, value, p, 'create');
      givenRelations.push(rel);
      for (const op of ops) (rel.side === 'owner' ? before : after).push(op);
      if (rel.side === 'owner') for (const f of rel.fk) coveredFk.add(f);
      continue;
    }
    if (nested.fixed.has(key))
      throw invalidInput(p, `field '${key}' is set by the enclosing relation`, w.site);
    const enc = encodeField(w, field, value, p);
    values[key] = enc.db;
    api[key] = enc.api;
  }
  for (const rel of givenRelations) {
    if (rel.side !== 'owner') continue;
    for (const f of rel.fk) {
      if (f in values) {
        throw invalidInput(
          [...path, rel.field.name],
          `cannot set both '${rel.field.name}' and its foreign key '${f}'`,
          w.site,
        );
      }
    }
  }
  for (const field of Object.values(model.fields)) {
    if (field.kind === 'relation' || field.ignored || field.name in values) continue;
    if (nested.fixed.has(field.name) || coveredFk.has(field.name)) continue;
    let d = fillDefault(field, w.now);
    const hooks = writeHooks(w.ctx);
    if (field.default?.kind === 'auth' && hooks?.authDefault) {
      const v = hooks.authDefault(model, field, field.default.path);
      if (v !== undefined) d = { kind: 'value', value: v };
    }
    if (d.kind === 'value') {
      const enc = encodeField(w, unvalidated(field), d.value, [...path, field.name]);
      values[field.name] = enc.db;
      api[field.name] = enc.api;
    } else if (d.kind === 'none' && !field.optional && field.kind !== 'unsupported') {
      const owner = field.foreignKeyOf?.[0];
      const name = owner !== undefined ? `${owner}' or '${field.name}` : field.name;
      throw invalidInput(
        [...path, owner ?? field.name],
        `missing required field '${name}' of model ${model.name}`,
        w.site,
      );
    }
  }
  if (model.validations.length > 0) checkModelRules(model, api, undefined, path, w.site);
  return { model, path, values, api, before, after };
}

const withoutValidations = new WeakMap<FieldDef, FieldDef>();

/**
 * `field` without its `@length`-style validations (for operands and defaults, which they do
 * not govern). Made once per field: an update's number operations ask on every call.
 */
function unvalidated(field: FieldDef): FieldDef {
  let f = withoutValidations.get(field);
  if (!f) withoutValidations.set(field, (f = { ...field, validations: [] }));
  return f;
}

/** A bound number operand (number, bigint, or decimal text) that is zero. */
function isZero(v: unknown): boolean {
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'bigint') return v === 0n;
  return typeof v === 'string' && /^[-+]?0*\.?0*(e[-+]?\d+)?$/i.test(v) && /\d/.test(v);
}

function numberOp(
  w: WriteScope,
  field: FieldDef,
  value: Record<string, unknown>,
  p: ArgPath,
): SetItem {
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (keys.length !== 1 || !NUMBER_OPS.has(keys[0]!)) {
    throw invalidInput(
      p,
      `expected a ${field.type} or one of { set | increment | decrement | multiply | divide }`,
      w.site,
    );
  }
  const op = keys[0] as 'set' | NumberOp;
  const operand = value[op];
  if (op !== 'set' && operand === null)
    throw invalidInput([...p, op], `expected ${field.type}, got null`, w.site);
  const enc = encodeField(w, op === 'set' ? field : unvalidated(field), operand, [...p, op]);
  // PostgreSQL fails on it; SQLite would store NULL (or fail a NOT NULL column).
  if (op === 'divide' && isZero(enc.db))
    throw invalidInput([...p, op], 'cannot divide by zero', w.site);
  return { field, op, value: enc.db };
}

function listOp(
  w: WriteScope,
  field: FieldDef,
  value: Record<string, unknown>,
  p: ArgPath,
): SetItem | undefined {
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (keys.length !== 1 || (keys[0] !== 'set' && keys[0] !== 'push')) {
    throw invalidInput(p, `expected ${field.type}[] or one of { set | push }`, w.site);
  }
  if (keys[0] === 'set')
    return { field, op: 'set', value: encodeField(w, field, value.set, [...p, 'set']).db };
  const items = Array.isArray(value.push) ? value.push : [value.push];
  if (items.length === 0) return undefined;
  const enc = encodeField(w, { ...field, optional: false, validations: [] }, items, [...p, 'push']);
  return { field, op: 'push', value: enc.db };
}

/** `update` data of `model` at `path` -> a checked `UpdatePlan` (`@updatedAt` included). */
export function parseUpdate(
  w: WriteScope,
  model: ModelDef,
  data: unknown,
  path: ArgPath,
  nested: NestedIn = TOP,
): UpdatePlan {
  const obj = expectObject(w.site, path, data);
  const sets: SetItem[] = [];
  const api: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const before: RelationOp[] = [];
  const after: RelationOp[] = [];
  const fkByRelation = new Set<string>();
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    const p = [...path, key];
    const field = apiField(model, key);
    if (!field || field.kind === 'unsupported')
      throw invalidInput(p, `unknown field '${key}' of model ${model.name}`, w.site);
    if (field.kind === 'relation') {
      if (key === nested.opposite)
        throw invalidInput(p, `relation '${key}' is set by the enclosing write`, w.site);
      const rel = relationInfo(w.ctx.schema, model, field);
      for (const op of parseRelation(w, rel, value, p, 'update')) {
        const early =
          rel.side === 'owner' &&
          (op.op === 'create' ||
            op.op === 'connect' ||
            op.op === 'connectOrCreate' ||
            op.op === 'disconnect');
        (early ? before : after).push(op);
      }
      if (rel.side === 'owner') for (const f of rel.fk) fkByRelation.add(f);
      continue;
    }
    if (nested.fixed.has(key))
      throw invalidInput(p, `field '${key}' is set by the enclosing relation`, w.site);
    const isOp = isPlainObject(value) && (field.type !== 'Json' || field.list);
    if (isOp && field.list) {
      const item = listOp(w, field, value, p);
      if (item) sets.push(item);
    } else if (isOp && NUMERIC.has(field.type) && field.kind === 'scalar') {
      const item = numberOp(w, field, value, p);
      sets.push(item);
    } else if (isOp) {
      const keys = Object.keys(value).filter((k) => value[k] !== undefined);
      if (keys.length !== 1 || keys[0] !== 'set')
        throw invalidInput(p, `expected ${field.type} or { set }`, w.site);
      const enc = encodeField(w, field, value.set, [...p, 'set']);
      api[key] = enc.api;
      sets.push({ field, op: 'set', value: enc.db });
    } else {
      const enc = encodeField(w, field, value, p);
      api[key] = enc.api;
      sets.push({ field, op: 'set', value: enc.db });
    }
  }
  for (const s of sets) {
    if (fkByRelation.has(s.field.name)) {
      throw invalidInput(
        [...path, s.field.name],
        `cannot set both a relation and its foreign key '${s.field.name}'`,
        w.site,
      );
    }
  }
  for (const field of Object.values(model.fields)) {
    if (field.updatedAt && !(field.name in obj)) {
      sets.push({
        field,
        op: 'set',
        value: encodeField(w, unvalidated(field), w.now, [...path, field.name]).db,
        auto: true,
      });
    }
  }
  if (model.validations.length > 0) checkModelRules(model, api, (f) => f in api, path, w.site);
  return { model, path, sets, before, after };
}

const OPS_BY_SIDE = {
  create: {
    owner: ['create', 'connect', 'connectOrCreate'],
    inverse: ['create', 'connect', 'connectOrCreate'],
    toMany: ['create', 'createMany', 'connect', 'connectOrCreate'],
    m2m: ['create', 'connect', 'connectOrCreate'],
  },
  update: {
    owner: ['create', 'connect', 'connectOrCreate', 'disconnect', 'update', 'upsert', 'delete'],
    inverse: ['create', 'connect', 'connectOrCreate', 'disconnect', 'update', 'upsert', 'delete'],
    toMany: [
      'create',
      'createMany',
      'connect',
      'connectOrCreate',
      'disconnect',
      'set',
      'update',
      'updateMany',
      'upsert',
      'delete',
      'deleteMany',
    ],
    m2m: [
      'create',
      'connect',
      'connectOrCreate',
      'disconnect',
      'set',
      'update',
      'updateMany',
      'upsert',
      'delete',
      'deleteMany',
    ],
  },
} as const;

/** Execution order of the ops of one relation field (removals before additions, as Prisma). */
const ORDER = [
  'disconnect',
  'set',
  'delete',
  'deleteMany',
  'update',
  'updateMany',
  'upsert',
  'connect',
  'connectOrCreate',
  'create',
  'createMany',
];

/** An object or a list of them, with paths (`[i]` only for arrays). */
function items(
  w: WriteScope,
  value: unknown,
  path: ArgPath,
  many: boolean,
): { value: unknown; path: ArgPath }[] {
  if (Array.isArray(value)) {
    if (!many) throw invalidInput(path, `expected an object, got array`, w.site);
    return value.map((v, i) => ({ value: v, path: [...path, i] }));
  }
  if (!isPlainObject(value))
    throw invalidInput(
      path,
      `expected an object${many ? ' or an array' : ''}, got ${describeType(value)}`,
      w.site,
    );
  return [{ value, path }];
}

function nestedFor(rel: RelationInfo): NestedIn {
  return {
    fixed: rel.side === 'inverse' || rel.side === 'toMany' ? new Set(rel.fk) : new Set(),
    opposite: rel.opposite,
  };
}

function onlyKeys(
  w: WriteScope,
  obj: Record<string, unknown>,
  path: ArgPath,
  allowed: readonly string[],
  required: readonly string[],
): void {
  for (const k of Object.keys(obj)) {
    if (obj[k] !== undefined && !allowed.includes(k))
      throw invalidInput(
        [...path, k],
        `unknown argument; expected one of ${allowed.join(', ')}`,
        w.site,
      );
  }
  for (const k of required)
    if (obj[k] === undefined) throw invalidInput([...path, k], 'missing required argument', w.site);
}

/** `disconnect` / `set` from the side without the key null the other rows' key: it must be optional. */
function requireOptionalFk(w: WriteScope, rel: RelationInfo, path: ArgPath): void {
  if (
    (rel.side === 'toMany' || rel.side === 'inverse') &&
    rel.fk.some((f) => !rel.target.fields[f]!.optional)
  ) {
    throw invalidInput(
      path,
      `cannot disconnect rows of '${rel.field.name}': ${rel.target.name}.${rel.fk.join(', ')} is required`,
      w.site,
    );
  }
}

/** A relation field's payload (`{ create, connect, ... }`) -> checked `RelationOp`s. */
export function parseRelation(
  w: WriteScope,
  rel: RelationInfo,
  value: unknown,
  path: ArgPath,
  mode: 'create' | 'update',
): RelationOp[] {
  const obj = expectObject(w.site, path, value);
  const allowed: readonly string[] = OPS_BY_SIDE[mode][rel.side];
  const many = rel.side === 'toMany' || rel.side === 'm2m';
  const target = rel.target;
  const nested = nestedFor(rel);
  const out: RelationOp[] = [];
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  if (keys.length === 0) throw invalidInput(path, `expected one of ${allowed.join(', ')}`, w.site);
  for (const k of keys) {
    if (!allowed.includes(k)) {
      throw invalidInput(
        [...path, k],
        `unknown nested write '${k}' for ${rel.side === 'owner' || rel.side === 'inverse' ? 'to-one' : 'to-many'} relation '${rel.field.name}' in ${mode}; expected one of ${allowed.join(', ')}`,
        w.site,
      );
    }
  }
  for (const k of [...keys].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))) {
    const v = obj[k];
    const p = [...path, k];
    switch (k) {
      case 'create':
        out.push({
          path: p,
          op: 'create',
          rel,
          plans: items(w, v, p, many).map((i) => parseCreate(w, target, i.value, i.path, nested)),
        });
        break;
      case 'createMany': {
        const o = expectObject(w.site, p, v);
        onlyKeys(w, o, p, ['data', 'skipDuplicates'], ['data']);
        const plans = items(w, o.data, [...p, 'data'], true).map((i) =>
          parseCreate(w, target, i.value, i.path, nested),
        );
        const skip =
          o.skipDuplicates === undefined
            ? false
            : expectBoolean(w.site, [...p, 'skipDuplicates'], o.skipDuplicates);
        for (const pl of plans)
          if (pl.before.length || pl.after.length)
            throw invalidInput(pl.path, 'createMany cannot write relations', w.site);
        out.push({ path: p, op: 'createMany', rel, plans, skipDuplicates: skip });
        break;
      }
      case 'connect':
        out.push({
          path: p,
          op: 'connect',
          rel,
          wheres: items(w, v, p, many).map((i) => checkWhere(w, target, i.value, i.path, true)),
        });
        break;
      case 'connectOrCreate':
        out.push({
          path: p,
          op: 'connectOrCreate',
          rel,
          items: items(w, v, p, many).map((i) => {
            const o = expectObject(w.site, i.path, i.value);
            onlyKeys(w, o, i.path, ['where', 'create'], ['where', 'create']);
            return {
              where: checkWhere(w, target, o.where, [...i.path, 'where'], true),
              create: parseCreate(w, target, o.create, [...i.path, 'create'], nested),
            };
          }),
        });
        break;
      case 'disconnect':
      case 'delete':
        if (!many) {
          if (v === true || v === false) {
            if (v) out.push({ path: p, op: k, rel, all: true, wheres: [] });
          } else
            out.push({
              path: p,
              op: k,
              rel,
              all: true,
              wheres: [checkWhere(w, target, v, p, false)],
            });
        } else {
          out.push({
            path: p,
            op: k,
            rel,
            all: false,
            wheres: items(w, v, p, true).map((i) => checkWhere(w, target, i.value, i.path, true)),
          });
        }
        if (
          !many &&
          k === 'disconnect' &&
          rel.side === 'owner' &&
          rel.fk.some((f) => !rel.model.fields[f]!.optional)
        ) {
          throw invalidInput(p, `cannot disconnect required relation '${rel.field.name}'`, w.site);
        }
        if (k === 'disconnect') requireOptionalFk(w, rel, p);
        break;
      case 'set':
        requireOptionalFk(w, rel, p);
        out.push({
          path: p,
          op: 'set',
          rel,
          wheres: items(w, v, p, true).map((i) => checkWhere(w, target, i.value, i.path, true)),
        });
        break;
      case 'deleteMany':
        out.push({
          path: p,
          op: 'deleteMany',
          rel,
          wheres: items(w, v, p, true).map((i) => checkWhere(w, target, i.value, i.path, false)),
        });
        break;
      case 'update':
      case 'updateMany':
        out.push({
          path: p,
          op: k,
          rel,
          items: items(w, v, p, many).map((i) => {
            const o = expectObject(w.site, i.path, i.value);
            const wrapped =
              many ||
              (o.data !== undefined && Object.keys(o).every((x) => x === 'data' || x === 'where'));
            if (!wrapped) return { data: parseUpdate(w, target, o, i.path, nested) };
            onlyKeys(w, o, i.path, ['where', 'data'], many ? ['where', 'data'] : ['data']);
            return {
              ...(o.where === undefined
                ? {}
                : {
                    where: checkWhere(
                      w,
                      target,
                      o.where,
                      [...i.path, 'where'],
                      many && k === 'update',
                    ),
                  }),
              data: parseUpdate(w, target, o.data, [...i.path, 'data'], nested),
            };
          }),
        });
        break;
      case 'upsert':
        out.push({
          path: p,
          op: 'upsert',
          rel,
          items: items(w, v, p, many).map((i) => {
            const o = expectObject(w.site, i.path, i.value);
            onlyKeys(
              w,
              o,
              i.path,
              ['where', 'create', 'update'],
              many ? ['where', 'create', 'update'] : ['create', 'update'],
            );
            return {
              ...(o.where === undefined
                ? {}
                : { where: checkWhere(w, target, o.where, [...i.path, 'where'], many) }),
              create: parseCreate(w, target, o.create, [...i.path, 'create'], nested),
              update: parseUpdate(w, target, o.update, [...i.path, 'update'], nested),
            };
          }),
        });
        break;
    }
  }
  return out;
}
