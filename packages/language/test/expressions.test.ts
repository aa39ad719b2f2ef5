import { describe, expect, it } from 'vitest';
import { DATASOURCE, loadErrors, loadOk } from './helpers.js';

const SCHEMA = `${DATASOURCE}
enum Role {
  ADMIN
  WRITER
  READER
}

enum Status {
  DRAFT
  PUBLISHED
}

model User {
  id     Int      @id
  role   Role     @default(READER)
  roles  Role[]
  tags   String[]
  level  Int
  name   String
  posts  Post[]
  groups Group[]
  @@allow('read', true)
}

model Group {
  id      Int    @id
  members User[]
}

model Post {
  id        Int       @id
  title     String
  status    Status
  published Boolean
  score     Float
  createdAt DateTime
  author    User      @relation(fields: [authorId], references: [id])
  authorId  Int
  comments  Comment[]
}

model Comment {
  id     Int    @id
  text   String
  post   Post   @relation(fields: [postId], references: [id])
  postId Int
}
`;

async function condition(model: string, rule: string) {
  const schema = await loadOk(
    SCHEMA.replace(`model ${model} {\n`, () => `model ${model} {\n  ${rule}\n`),
  );
  const def = schema.models[model];
  return def?.policies[0]?.condition;
}

describe('expression precedence', () => {
  it('binds && tighter than ||', async () => {
    const c = await condition('Post', "@@allow('read', published || score > 1 && title == 'x')");
    expect(c).toMatchObject({ op: '||', right: { op: '&&' } });
  });

  it('binds == looser than <, and ! tighter than ==', async () => {
    const c = await condition('Post', "@@allow('read', score < 1 == published)");
    expect(c).toMatchObject({ op: '==', left: { op: '<' } });
    const d = await condition('Post', "@@allow('read', !published == true)");
    expect(d).toMatchObject({ op: '==', left: { kind: 'unary', op: '!' } });
  });

  it('keeps parenthesised grouping', async () => {
    const c = await condition('Post', "@@allow('read', (published || score > 1) && title == 'x')");
    expect(c).toMatchObject({ op: '&&', left: { op: '||' } });
  });

  it('reads negative numbers and floats as literals', async () => {
    const c = await condition('Post', "@@allow('read', score > -1.5)");
    expect(c).toMatchObject({ right: { kind: 'literal', value: -1.5 } });
  });
});

describe('name resolution', () => {
  it('turns enum value names into enum nodes, and strings compared with enums too', async () => {
    const c = await condition('Post', "@@allow('read', status == PUBLISHED && status != 'DRAFT')");
    expect(c).toMatchObject({
      left: { right: { kind: 'enum', enum: 'Status', value: 'PUBLISHED' } },
      right: { right: { kind: 'enum', enum: 'Status', value: 'DRAFT' } },
    });
  });

  it('resolves auth() members and relation paths with their owning model', async () => {
    const c = await condition('Post', "@@allow('update', author.role == auth().role)");
    expect(c).toEqual({
      kind: 'binary',
      op: '==',
      left: {
        kind: 'member',
        object: { kind: 'field', name: 'author', model: 'Post' },
        name: 'role',
        model: 'User',
      },
      right: { kind: 'member', object: { kind: 'auth' }, name: 'role', model: 'User' },
    });
  });

  it('resolves bare names in collection predicates against the element model, nested', async () => {
    const c = await condition(
      'User',
      "@@allow('read', posts?[published && comments![text != ''] ])",
    );
    expect(c).toEqual({
      kind: 'collection',
      quantifier: 'some',
      collection: { kind: 'field', name: 'posts', model: 'User' },
      predicate: {
        kind: 'binary',
        op: '&&',
        left: { kind: 'field', name: 'published', model: 'Post' },
        right: {
          kind: 'collection',
          quantifier: 'every',
          collection: { kind: 'field', name: 'comments', model: 'Post' },
          predicate: {
            kind: 'binary',
            op: '!=',
            left: { kind: 'field', name: 'text', model: 'Comment' },
            right: { kind: 'literal', value: '' },
          },
        },
      },
    });
  });

  it('supports none (^) and this inside predicates', async () => {
    const c = await condition('User', "@@allow('read', posts^[author == this])");
    expect(c).toMatchObject({
      quantifier: 'none',
      predicate: {
        left: { kind: 'field', name: 'author', model: 'Post' },
        right: { kind: 'this' },
      },
    });
  });

  it('accepts in with an array literal and with a list field', async () => {
    const a = await condition('User', "@@allow('read', role in [ADMIN, WRITER])");
    expect(a).toMatchObject({
      op: 'in',
      right: {
        kind: 'array',
        items: [
          { kind: 'enum', value: 'ADMIN' },
          { kind: 'enum', value: 'WRITER' },
        ],
      },
    });
    const b = await condition('User', "@@allow('read', 'x' in tags)");
    expect(b).toMatchObject({ op: 'in', right: { kind: 'field', name: 'tags' } });
  });
});

describe('functions', () => {
  it('builds call nodes for string and list functions', async () => {
    const c = await condition(
      'User',
      "@@allow('read', contains(name, 'a', true) && startsWith(name, 'b') && has(roles, ADMIN) && hasSome(tags, ['x']) && !isEmpty(tags))",
    );
    expect(JSON.stringify(c)).toContain('"name":"contains"');
    expect(JSON.stringify(c)).toContain('{"kind":"enum","enum":"Role","value":"ADMIN"}');
  });

  it('accepts now(), currentModel(), currentOperation() and check()', async () => {
    const c = await condition(
      'Post',
      "@@allow('read', createdAt < now() && currentModel() == 'Post' && currentOperation() == 'read' && check(author, 'read'))",
    );
    const text = JSON.stringify(c);
    for (const fn of ['now', 'currentModel', 'currentOperation', 'check'])
      expect(text).toContain(`"name":"${fn}"`);
    expect(text).toContain(
      '"args":[{"kind":"field","name":"author","model":"Post"},{"kind":"literal","value":"read"}]',
    );
  });

  it('allows future() in update and all rules only', async () => {
    const u = await condition('Post', "@@allow('update', future().title == title)");
    expect(u).toMatchObject({
      left: { kind: 'member', object: { kind: 'future' }, name: 'title', model: 'Post' },
    });
    const all = await condition('Post', "@@deny('all', future().published != published)");
    expect(all).toBeDefined();
    const errors = await loadErrors(
      SCHEMA.replace(
        'model Post {\n',
        () => "model Post {\n  @@allow('create,read', future().published)\n",
      ),
    );
    expect(errors.map((e) => e.code)).toEqual(['future-outside-update']);
  });
});

describe('field rules and @@validate', () => {
  it('builds field-level policies with read/update only', async () => {
    const s = await loadOk(
      SCHEMA.replace(
        '  level  Int\n',
        () => "  level  Int @allow('read', auth() == this) @deny('all', auth().level < 1)\n",
      ),
    );
    expect(s.models.User?.fields.level?.policies).toEqual([
      {
        kind: 'allow',
        operations: ['read'],
        condition: { kind: 'binary', op: '==', left: { kind: 'auth' }, right: { kind: 'this' } },
        source: 'auth() == this',
      },
      expect.objectContaining({ kind: 'deny', operations: ['read', 'update'] }),
    ]);
  });

  it('builds @@validate with validation functions and an optional message', async () => {
    const s = await loadOk(
      SCHEMA.replace(
        'model User {\n',
        () =>
          "model User {\n  @@validate(length(name, 1, 10) && level >= 0, 'bad name')\n  @@validate(regex(name, '^[a-z]+$'))\n",
      ),
    );
    expect(s.models.User?.validations).toEqual([
      expect.objectContaining({ message: 'bad name', source: 'length(name, 1, 10) && level >= 0' }),
      {
        condition: {
          kind: 'call',
          name: 'regex',
          args: [
            { kind: 'field', name: 'name', model: 'User' },
            { kind: 'literal', value: '^[a-z]+$' },
          ],
        },
        source: "regex(name, '^[a-z]+$')",
      },
    ]);
  });

  it('rejects auth() and relation paths in @@validate', async () => {
    const errors = await loadErrors(
      SCHEMA.replace(
        'model Post {\n',
        () => 'model Post {\n  @@validate(author.level > 1 && auth() != null)\n',
      ),
    );
    expect(errors.map((e) => e.code)).toEqual(['validate-non-scalar', 'validate-non-scalar']);
  });
});

const RULE_LINE = SCHEMA.split('\n').indexOf('model User {') + 2;

describe('expression errors', () => {
  it.each([
    [
      "@@allow('read', posts?[nope])",
      'unknown-reference',
      26,
      "Field 'nope' does not exist on model 'Post'",
    ],
    ["@@allow('read', level > 'x')", 'type-mismatch', 19, "Cannot apply '>' to Int and String"],
    [
      "@@allow('read', role == Status)",
      'unknown-reference',
      27,
      "Field 'Status' does not exist on model 'User'",
    ],
    [
      "@@allow('read', role == PUBLISHED)",
      'type-mismatch',
      19,
      "Cannot apply '==' to Role and Status",
    ],
    [
      "@@allow('read', this == auth().posts)",
      'type-mismatch',
      19,
      "Cannot apply '==' to User and Post[]",
    ],
    [
      "@@allow('read', level)",
      'not-boolean',
      19,
      'Condition must be a Boolean expression, but it is Int',
    ],
    [
      "@@allow('read', name.length > 1)",
      'unknown-member',
      19,
      "Cannot read 'length' of a value of type String",
    ],
    [
      "@@allow('read', contains(name))",
      'missing-argument',
      19,
      "Function 'contains' takes 2 to 3 arguments, got 1",
    ],
    [
      "@@allow('read', has(name, 'x'))",
      'type-mismatch',
      23,
      "Argument 1 of 'has' must be a list field",
    ],
    [
      "@@allow('read', check(posts))",
      'type-mismatch',
      25,
      "Argument 1 of 'check' must be a to-one relation field",
    ],
    [
      "@@allow('read', check(this, 'write'))",
      'invalid-policy-operation',
      31,
      'The operation of check()',
    ],
    [
      "@@allow('read', groups?[members])",
      'not-boolean',
      27,
      'Collection predicate must be Boolean',
    ],
    ["@@allow('read', !level)", 'type-mismatch', 20, "Operand of '!' must be Boolean"],
    [
      "@@allow('read', level in [1, 'a'])",
      'type-mismatch',
      19,
      "Cannot apply 'in' to Int and an array",
    ],
  ] as const)('%s -> %s', async (rule, code, column, message) => {
    const errors = await loadErrors(
      SCHEMA.replace('model User {\n', () => `model User {\n  ${rule}\n`),
    );
    expect(errors.every((e) => e.line === RULE_LINE)).toBe(true);
    const error = errors.find((e) => e.code === code);
    expect(error).toMatchObject({ line: RULE_LINE, column });
    expect(error?.message).toContain(message);
  });
});
