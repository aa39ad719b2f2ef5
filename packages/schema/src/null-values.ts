/** The three values that say which null a `Json` field holds or is compared with. */
export type NullValueName = 'DbNull' | 'JsonNull' | 'AnyNull';

// A registered symbol, not a module-local one: two copies of this package (a server bundle and
// a browser bundle, or duplicated node_modules) must recognise each other's values, so values
// are told apart by this brand, never by `instanceof`.
const brand: unique symbol = Symbol.for('@warden/null-value');

/**
 * Base of `DbNull`, `JsonNull` and `AnyNull`. Not a plain object (so no `where` or `data` walk
 * mistakes it for a filter or a JSON object) and frozen: each value is a singleton.
 */
export abstract class NullValue<N extends NullValueName = NullValueName> {
  readonly [brand]: N;

  protected constructor(name: N) {
    this[brand] = name;
  }

  toString(): string {
    return this[brand];
  }
}

class DbNullValue extends NullValue<'DbNull'> {
  constructor() {
    super('DbNull');
    Object.freeze(this);
  }
}

class JsonNullValue extends NullValue<'JsonNull'> {
  constructor() {
    super('JsonNull');
    Object.freeze(this);
  }
}

class AnyNullValue extends NullValue<'AnyNull'> {
  constructor() {
    super('AnyNull');
    Object.freeze(this);
  }
}

/**
 * The database's NULL for an optional `Json` field: in `data` it clears the column, in `where`
 * it matches rows whose column is NULL (with a `path`: rows with nothing at that path).
 *
 * @example
 * ```ts
 * await db.event.update({ where: { id }, data: { payload: DbNull } });
 * await db.event.findMany({ where: { payload: { equals: DbNull } } });
 * ```
 */
export const DbNull: DbNull = new DbNullValue();
export type DbNull = DbNullValue;

/**
 * The JSON value `null` stored in a `Json` field (the column is not NULL): in `data` it writes
 * it, in `where` it matches it (with a `path`: a `null` at that path).
 *
 * @example
 * ```ts
 * await db.event.create({ data: { payload: JsonNull } });
 * await db.event.findMany({ where: { payload: { not: JsonNull } } });
 * ```
 */
export const JsonNull: JsonNull = new JsonNullValue();
export type JsonNull = JsonNullValue;

/**
 * Either null, in filters only: matches a NULL column and a stored JSON `null` alike.
 *
 * @example
 * ```ts
 * await db.event.findMany({ where: { payload: { equals: AnyNull } } });
 * ```
 */
export const AnyNull: AnyNull = new AnyNullValue();
export type AnyNull = AnyNullValue;

const byName: Readonly<Record<NullValueName, NullValue>> = { DbNull, JsonNull, AnyNull };

/**
 * Which null value `v` is (also one made by another copy of this package), or `undefined`.
 *
 * @example
 * ```ts
 * nullValueName(DbNull); // 'DbNull'
 * nullValueName(null); // undefined
 * ```
 */
export function nullValueName(v: unknown): NullValueName | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const name = (v as { [brand]?: unknown })[brand];
  return typeof name === 'string' && Object.hasOwn(byName, name)
    ? (name as NullValueName)
    : undefined;
}

/** This package's singleton of the null value named `name` (how the wire format revives one). */
export function nullValueOf<N extends NullValueName>(name: N): NullValue<N> {
  return byName[name] as NullValue<N>;
}
