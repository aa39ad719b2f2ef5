import type { Expr } from './expr.js';

/**
 * `SchemaDef`: the plain, JSON-serialisable description of a Warden schema.
 *
 * It is the contract between the language layer (which produces it from `schema.zmodel`) and
 * every run-time package (ORM, policies, checker, server, clients), which consume it and never
 * the parser. Everything here is data: no classes, no functions, no cycles, so a `SchemaDef`
 * can be written to `schema.ts` as an `as const` literal and typed from.
 *
 * Names in `models`, `fields` and `enums` are the schema's names; `dbName` is the table or
 * column name after `@map` / `@@map`.
 *
 * @example
 * ```ts
 * const post: ModelDef = schema.models.Post;
 * post.fields.authorId.type;            // 'String'
 * post.fields.author.relation?.fields;  // ['authorId']
 * post.policies[0];                     // { kind: 'allow', operations: ['read'], condition: {...} }
 * ```
 */
export interface SchemaDef {
  /** The `datasource` provider: decides the default dialect and the push/migration SQL. */
  readonly provider: DatabaseProvider;
  readonly models: Readonly<Record<string, ModelDef>>;
  readonly enums: Readonly<Record<string, EnumDef>>;
  /** Name of the model `auth()` is typed as: the one marked `@@auth`, else `User`, if any. */
  readonly authModel?: string;
  /** `plugin` blocks, kept as data for the tools that read them. */
  readonly plugins?: Readonly<Record<string, PluginDef>>;
  /** The `datasource` block, for tools that connect (`warden db push`, `warden migrate`). */
  readonly datasource?: DatasourceDef;
}

export type DatabaseProvider = 'sqlite' | 'postgresql';

/**
 * `url = "file:./dev.db"` gives `url`; `url = env("DATABASE_URL")` gives `urlEnv`. A relative
 * SQLite `file:` url is relative to the schema file's directory, as in Prisma.
 */
export interface DatasourceDef {
  readonly provider: DatabaseProvider;
  readonly url?: string;
  readonly urlEnv?: string;
}

export interface PluginDef {
  readonly name: string;
  readonly options: Readonly<Record<string, LiteralValue>>;
}

export interface EnumDef {
  readonly name: string;
  readonly values: readonly string[];
  /** `@map` of each value, only for values that have one. */
  readonly dbNames?: Readonly<Record<string, string>>;
  readonly doc?: string;
}

/**
 * A concrete model. Abstract models and `extends` are resolved by the language layer: their
 * fields and rules are copied into every model that extends them, and abstract models are not
 * listed here.
 */
export interface ModelDef {
  readonly name: string;
  readonly dbName: string;
  readonly fields: Readonly<Record<string, FieldDef>>;
  /**
   * The row's identity, which every by-row operation uses (unique `where`s, read-backs, row
   * keys, cursors, per-row permissions, policy checks): the primary key (`@id`, `@@id([...])`),
   * or, for a model without one, its first unique of required fields, as Prisma picks it
   * (`@unique` fields in field order, then `@@unique` in declaration order; see `idUnique`).
   */
  readonly idFields: readonly string[];
  /**
   * Set when `idFields` come from a unique, not a primary key: that unique's name in `uniques`
   * (the field for `@unique`, `a_b` or the given name for `@@unique`). Migrations then make no
   * primary key; the unique stays a unique index.
   */
  readonly idUnique?: string;
  /** Every unique constraint, single-field `@unique` ones included; never a primary key. */
  readonly uniques: readonly UniqueDef[];
  readonly indexes: readonly IndexDef[];
  /** `@@allow` / `@@deny`, in source order. */
  readonly policies: readonly PolicyRule[];
  /** `@@validate(...)` rules. */
  readonly validations: readonly ModelValidation[];
  readonly doc?: string;
}

export type ScalarType =
  'String' | 'Int' | 'BigInt' | 'Float' | 'Decimal' | 'Boolean' | 'DateTime' | 'Json' | 'Bytes';

/**
 * One field. `kind` says how to read `type`: a scalar type name, an enum name, a model name,
 * or (for `Unsupported("...")`) the raw database type.
 */
export interface FieldDef {
  readonly name: string;
  readonly dbName: string;
  readonly kind: 'scalar' | 'enum' | 'relation' | 'unsupported';
  readonly type: string;
  readonly optional: boolean;
  readonly list: boolean;
  /** Part of the primary key. */
  readonly id?: boolean;
  /** Has `@unique` of its own. */
  readonly unique?: boolean;
  readonly default?: DefaultValue;
  /** `@updatedAt`: set to now on every update. */
  readonly updatedAt?: boolean;
  /** `@omit`: left out of results unless selected explicitly (`select` / `omit: { f: false }`). */
  readonly omit?: boolean;
  /**
   * `@password`: written values are hashed with scrypt (these parameters) before storage;
   * see `hashPassword` / `verifyPassword` in `@warden/orm`.
   */
  readonly password?: {
    readonly cost: number;
    readonly blockSize: number;
    readonly parallelism: number;
  };
  /** `@ignore`: a column that exists but is not part of the client's API. */
  readonly ignored?: boolean;
  /** `@db.VarChar(255)` and friends: `{ name: 'VarChar', args: [255] }`. */
  readonly nativeType?: NativeType;
  /** Present on relation fields. */
  readonly relation?: RelationDef;
  /** On a scalar foreign-key field: the relation fields whose `fields: [...]` list it. */
  readonly foreignKeyOf?: readonly string[];
  /** Field-level `@allow` / `@deny`. */
  readonly policies?: readonly FieldPolicyRule[];
  /** `@email`, `@length(...)`, ... */
  readonly validations?: readonly FieldValidation[];
  readonly doc?: string;
}

export interface NativeType {
  readonly name: string;
  readonly args: readonly (string | number)[];
}

export type ReferentialAction = 'Cascade' | 'Restrict' | 'NoAction' | 'SetNull' | 'SetDefault';

/**
 * Both sides of a relation are described, each from its own point of view.
 *
 * - `many-to-one`: this side holds the foreign key (`fields` / `references` are set), the other
 *   side is a list (`Post.author`).
 * - `one-to-many`: the list side (`User.posts`); `fields` is absent.
 * - `one-to-one`: exactly one of the two sides has `fields` (the owner).
 * - `many-to-many`: both sides are lists; an implicit join table `joinTable` links them.
 */
export interface RelationDef {
  /** `@relation("Name")`, or a generated name when the schema gives none. */
  readonly name: string;
  readonly kind: 'one-to-one' | 'one-to-many' | 'many-to-one' | 'many-to-many';
  /** The related model. */
  readonly model: string;
  /** The relation field on the related model that points back here. */
  readonly opposite: string;
  /** Foreign-key fields on this model (owner side only). */
  readonly fields?: readonly string[];
  /** Fields they reference on the related model (owner side only). */
  readonly references?: readonly string[];
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  /** Implicit many-to-many only. */
  readonly joinTable?: JoinTableDef;
}

/**
 * Prisma's implicit many-to-many layout: a table `_<RelationName>` with columns `A` and `B`,
 * where `A` references the model whose name sorts first.
 */
export interface JoinTableDef {
  readonly name: string;
  /** Column holding this side's id. */
  readonly column: 'A' | 'B';
  /** Column holding the related side's id. */
  readonly otherColumn: 'A' | 'B';
}

export interface UniqueDef {
  /** `authorId_title` for `@@unique([authorId, title])`, or the explicit `name:`. */
  readonly name: string;
  readonly fields: readonly string[];
  /** The database constraint name (`map:`), when given. */
  readonly dbName?: string;
}

export interface IndexDef {
  readonly name?: string;
  readonly fields: readonly string[];
}

export type DefaultValue =
  | { readonly kind: 'value'; readonly value: LiteralValue | readonly LiteralValue[] }
  | { readonly kind: 'enum'; readonly value: string }
  | {
      readonly kind: 'function';
      readonly name: DefaultFunction;
      /** `dbgenerated("...")`'s SQL text; `uuid(7)`'s version; `nanoid(12)`'s length. */
      readonly args?: readonly (string | number)[];
    }
  | { readonly kind: 'auth'; readonly path: readonly string[] };

export type DefaultFunction =
  'autoincrement' | 'cuid' | 'uuid' | 'nanoid' | 'ulid' | 'now' | 'dbgenerated';

/** Literal data in the schema. Integers beyond 2^53 are kept as `{ bigint: "..." }`. */
export type LiteralValue = string | number | boolean | null | { readonly bigint: string };

export type PolicyOperation = 'create' | 'read' | 'update' | 'delete';

/** A model-level `@@allow` / `@@deny`, with `'all'` and comma lists expanded. */
export interface PolicyRule {
  readonly kind: 'allow' | 'deny';
  readonly operations: readonly PolicyOperation[];
  readonly condition: Expr;
  /** The condition as written, for error messages and `explain`. */
  readonly source: string;
}

/** A field-level `@allow` / `@deny`; only `read` and `update` apply to fields. */
export interface FieldPolicyRule {
  readonly kind: 'allow' | 'deny';
  readonly operations: readonly ('read' | 'update')[];
  readonly condition: Expr;
  readonly source: string;
}

export type FieldValidation =
  | { readonly kind: 'email' | 'url'; readonly message?: string }
  | {
      readonly kind: 'length';
      readonly min?: number;
      readonly max?: number;
      readonly message?: string;
    }
  | { readonly kind: 'regex'; readonly pattern: string; readonly message?: string }
  | { readonly kind: 'startsWith' | 'endsWith'; readonly value: string; readonly message?: string }
  | {
      readonly kind: 'gt' | 'gte' | 'lt' | 'lte';
      readonly value: number | string;
      readonly message?: string;
    };

export interface ModelValidation {
  readonly condition: Expr;
  readonly message?: string;
  readonly source: string;
}
