import type { FieldDef, ModelDef, SchemaDef } from '@warden/schema';
import { WardenError } from '@warden/schema';
import { hashPassword, isPasswordHash } from './password-hash.js';

const PREHASHED = Symbol.for('warden.orm.prehashed-password');

/** A stored hash written as is into a `@password` field (see `prehashedPassword`). */
export interface PrehashedPassword {
  readonly [PREHASHED]: string;
}

/**
 * Opts in to storing `stored`, already a hash in our `$scrypt$...` format, in a `@password`
 * field without hashing it again (moving users from another system). A plain string that
 * looks like a hash is hashed again: a caller cannot set a hash by accident or by trick.
 *
 * @example
 * ```ts
 * await db.user.create({ data: { email, password: prehashedPassword(oldHash) } });
 * ```
 */
export function prehashedPassword(stored: string): PrehashedPassword {
  return Object.freeze({ [PREHASHED]: stored });
}

const reaching = new WeakMap<SchemaDef, ReadonlySet<string>>();

/**
 * True when a write on `model` can reach a `@password` field, its own or through relations
 * (nested writes). Computed once per schema; a schema without `@password` costs one lookup.
 */
export function writesMayHashPasswords(schema: SchemaDef, model: ModelDef): boolean {
  let set = reaching.get(schema);
  if (!set) {
    const found = new Set<string>();
    for (const m of Object.values(schema.models))
      if (Object.values(m.fields).some((f) => f.password)) found.add(m.name);
    // Grow to a fixpoint: a model reaches one if any relation leads to a model that does.
    for (let changed = found.size > 0; changed;) {
      changed = false;
      for (const m of Object.values(schema.models)) {
        if (found.has(m.name)) continue;
        if (Object.values(m.fields).some((f) => f.kind === 'relation' && found.has(f.type))) {
          found.add(m.name);
          changed = true;
        }
      }
    }
    reaching.set(schema, (set = found));
  }
  return set.has(model.name);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

async function passwordValue(model: ModelDef, field: FieldDef, value: unknown): Promise<unknown> {
  const params = field.password!;
  if (typeof value === 'string') return hashPassword(value, params);
  if (isObj(value) && PREHASHED in value) {
    const stored = (value as unknown as PrehashedPassword)[PREHASHED];
    if (typeof stored !== 'string' || !isPasswordHash(stored)) {
      throw new WardenError(
        'INVALID_INPUT',
        `${model.name}.${field.name}: prehashedPassword() needs a hash in the $scrypt$N=..,r=..,p=..$salt$hash format`,
        { model: model.name, fields: [field.name] },
      );
    }
    return stored;
  }
  // `{ set: 'plain' }` in an update.
  if (isObj(value) && Object.keys(value).length === 1 && typeof value.set === 'string') {
    return { set: await hashPassword(value.set, params) };
  }
  return value; // null, wrong types: left to the ORM's own validation
}

const each = async (v: unknown, fn: (o: Obj) => Promise<Obj>): Promise<unknown> =>
  Array.isArray(v) ? Promise.all(v.map((x) => (isObj(x) ? fn(x) : x))) : isObj(v) ? fn(v) : v;

const at = async (o: Obj, key: string, fn: (v: Obj) => Promise<Obj>): Promise<Obj> =>
  o[key] === undefined ? o : { ...o, [key]: await each(o[key], fn) };

/** `data` of `model` (create or update) with every `@password` value hashed; a copy. */
async function hashData(schema: SchemaDef, model: ModelDef, data: Obj): Promise<Obj> {
  let out: Obj | undefined;
  for (const [key, value] of Object.entries(data)) {
    const field = model.fields[key];
    if (!field || value === undefined) continue;
    let next: unknown = value;
    if (field.password) next = await passwordValue(model, field, value);
    else if (field.kind === 'relation' && isObj(value)) {
      const target = schema.models[field.type];
      if (target && writesMayHashPasswords(schema, target))
        next = await nestedOps(schema, target, value);
    }
    if (next !== value) (out ??= { ...data })[key] = next;
  }
  return out ?? data;
}

/** The nested-write object of a relation (`{ create, update, upsert, ... }`). */
async function nestedOps(schema: SchemaDef, target: ModelDef, ops: Obj): Promise<Obj> {
  const data = (o: Obj) => hashData(schema, target, o);
  const withData = (o: Obj) => at(o, 'data', data);
  let r = ops;
  r = await at(r, 'create', data);
  r = await at(r, 'createMany', withData);
  r = await at(r, 'connectOrCreate', (o) => at(o, 'create', data));
  r = await at(r, 'updateMany', withData);
  r = await at(r, 'upsert', async (o) => at(await at(o, 'create', data), 'update', data));
  // A to-many `update` is `{ where, data }`; a to-one `update` is the data itself or
  // `{ where?, data }`.
  r = await at(r, 'update', (o) =>
    isObj(o.data) && !target.fields.data ? withData(o) : hashData(schema, target, o),
  );
  return r;
}

/**
 * The arguments of a write with every `@password` value (nested writes included) replaced by
 * its scrypt hash; the caller's object is not changed. `args` itself when nothing is hashed.
 */
export async function hashWriteArgs(
  schema: SchemaDef,
  model: ModelDef,
  operation: string,
  args: unknown,
): Promise<unknown> {
  if (!isObj(args)) return args;
  const data = (o: Obj) => hashData(schema, model, o);
  if (operation === 'upsert') return at(await at(args, 'create', data), 'update', data);
  if (operation === 'delete' || operation === 'deleteMany') return args;
  return at(args, 'data', data);
}
