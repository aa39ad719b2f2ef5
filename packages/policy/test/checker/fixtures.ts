import type { Expr, FieldDef, ModelDef, PolicyRule, SchemaDef } from '@warden/schema';

/** Small builders for `SchemaDef` literals and expression trees used across checker tests. */

export const lit = (value: string | number | boolean | bigint): Expr =>
  typeof value === 'bigint'
    ? { kind: 'literal', value: { bigint: value.toString() } }
    : { kind: 'literal', value };
export const nul: Expr = { kind: 'null' };
export const auth: Expr = { kind: 'auth' };
export const self: Expr = { kind: 'this' };
export const fld = (model: string, name: string): Expr => ({ kind: 'field', name, model });
export const mem = (object: Expr, name: string, model: string): Expr => ({
  kind: 'member',
  object,
  name,
  model,
});
export const authOf = (name: string, model = 'User'): Expr => mem(auth, name, model);
export const bin = (
  op: '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | 'in',
  left: Expr,
  right: Expr,
): Expr => ({
  kind: 'binary',
  op,
  left,
  right,
});
export const not = (operand: Expr): Expr => ({ kind: 'unary', op: '!', operand });
export const call = (
  name:
    | 'contains'
    | 'startsWith'
    | 'endsWith'
    | 'check'
    | 'now'
    | 'has'
    | 'currentModel'
    | 'currentOperation',
  ...args: Expr[]
): Expr => ({
  kind: 'call',
  name,
  args,
});
export const arr = (...items: Expr[]): Expr => ({ kind: 'array', items });
export const enumVal = (e: string, value: string): Expr => ({ kind: 'enum', enum: e, value });

type Ops = PolicyRule['operations'];
export const allow = (operations: Ops | 'all', condition: Expr, source = 'rule'): PolicyRule => ({
  kind: 'allow',
  operations: operations === 'all' ? ['create', 'read', 'update', 'delete'] : operations,
  condition,
  source,
});
export const deny = (operations: Ops | 'all', condition: Expr, source = 'rule'): PolicyRule => ({
  ...allow(operations, condition, source),
  kind: 'deny',
});

export function scalar(name: string, type: string, extra: Partial<FieldDef> = {}): FieldDef {
  return { name, dbName: name, kind: 'scalar', type, optional: false, list: false, ...extra };
}

export function enumField(name: string, type: string, extra: Partial<FieldDef> = {}): FieldDef {
  return { ...scalar(name, type, extra), kind: 'enum' };
}

export function model(
  name: string,
  fields: FieldDef[],
  policies: PolicyRule[] = [],
  idFields = ['id'],
): ModelDef {
  return {
    name,
    dbName: name,
    fields: Object.fromEntries(fields.map((f) => [f.name, f])),
    idFields,
    uniques: [],
    indexes: [],
    policies,
    validations: [],
  };
}

/** The guide's Post model: `@@allow('read', published || authorId == auth().id)`. */
export function postCheckSchema(): SchemaDef {
  const readRule = bin(
    '||',
    fld('Post', 'published'),
    bin('==', fld('Post', 'authorId'), authOf('id')),
  );
  return {
    provider: 'sqlite',
    authModel: 'User',
    enums: {},
    models: {
      User: model(
        'User',
        [
          scalar('id', 'Int', { id: true }),
          {
            ...scalar('posts', 'Post', { list: true }),
            kind: 'relation',
            relation: {
              name: 'PostToUser',
              kind: 'one-to-many',
              model: 'Post',
              opposite: 'author',
            },
          },
        ],
        [allow('all', lit(true), 'true')],
      ),
      Post: model(
        'Post',
        [
          scalar('id', 'Int', { id: true }),
          scalar('title', 'String'),
          {
            ...scalar('author', 'User'),
            kind: 'relation',
            relation: {
              name: 'PostToUser',
              kind: 'many-to-one',
              model: 'User',
              opposite: 'posts',
              fields: ['authorId'],
              references: ['id'],
            },
          },
          scalar('authorId', 'Int', { foreignKeyOf: ['author'] }),
          scalar('published', 'Boolean', { default: { kind: 'value', value: false } }),
        ],
        [allow(['read'], readRule, 'published || authorId == auth().id')],
      ),
    },
  };
}

/** The seed blog (examples/schemas/blog.zmodel), trimmed to the fields its rules touch. */
export function blogSchema(): SchemaDef {
  const postRel: FieldDef = {
    ...scalar('author', 'User'),
    kind: 'relation',
    relation: {
      name: 'PostToUser',
      kind: 'many-to-one',
      model: 'User',
      opposite: 'posts',
      fields: ['authorId'],
      references: ['id'],
      onDelete: 'Cascade',
    },
  };
  return {
    provider: 'sqlite',
    authModel: 'User',
    enums: {},
    models: {
      User: model(
        'User',
        [
          scalar('id', 'String', { id: true }),
          scalar('name', 'String', { optional: true }),
          scalar('email', 'String', { optional: true, unique: true }),
          scalar('role', 'String', { default: { kind: 'value', value: 'Reader' } }),
          {
            ...scalar('posts', 'Post', { list: true }),
            kind: 'relation',
            relation: {
              name: 'PostToUser',
              kind: 'one-to-many',
              model: 'Post',
              opposite: 'author',
            },
          },
        ],
        [
          allow(['create'], lit(true), 'true'),
          allow('all', bin('==', auth, self), 'auth() == this'),
        ],
      ),
      Post: model(
        'Post',
        [
          scalar('id', 'String', { id: true }),
          scalar('title', 'String'),
          scalar('content', 'String'),
          scalar('status', 'String', { default: { kind: 'value', value: 'draft' } }),
          postRel,
          scalar('authorId', 'String', { foreignKeyOf: ['author'] }),
        ],
        [
          allow(
            ['read'],
            bin('&&', bin('!=', auth, nul), bin('==', fld('Post', 'status'), lit('published'))),
            "auth() != null && status == 'published'",
          ),
          allow(['create'], bin('==', authOf('role'), lit('Writer')), "auth().role == 'Writer'"),
          allow(
            ['read', 'update', 'delete'],
            bin('==', fld('Post', 'author'), auth),
            'author == auth()',
          ),
        ],
      ),
    },
  };
}

/** A User (the auth model) with optional `role`, `level`, `since`, plus `Thing` with the given fields and rules. */
export function thingSchema(
  fields: FieldDef[],
  rules: PolicyRule[],
  enums: SchemaDef['enums'] = {},
): SchemaDef {
  return {
    provider: 'sqlite',
    authModel: 'User',
    enums,
    models: {
      User: model(
        'User',
        [
          scalar('id', 'Int', { id: true }),
          scalar('role', 'String', { optional: true }),
          scalar('level', 'Int', { optional: true }),
          scalar('since', 'DateTime', { optional: true }),
        ],
        [allow('all', lit(true), 'true')],
      ),
      Thing: model('Thing', [scalar('id', 'Int', { id: true }), ...fields], rules),
    },
  };
}

export const thing = (name: string): Expr => fld('Thing', name);
