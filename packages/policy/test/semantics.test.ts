import { loadSchema } from '@warden/language';
import type { SchemaDef } from '@warden/schema';
import { testDialects } from '@warden/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePolicyFilter, evaluateRule } from '../src/index.js';
import { referencePermittedIds, sqlPermittedIds } from './helpers/check-filter.js';
import { loadData, openPolicyDb, type Dataset, type PolicyTestDb } from './helpers/policy-db.js';

async function schemaOf(text: string): Promise<SchemaDef> {
  const r = await loadSchema({
    text: `datasource db { provider = "sqlite" url = "file:x" }\n${text}`,
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.schema;
}

const anonymous = null;
const level1 = { id: 'u1', level: 1, role: 'Reader' };
const level5 = { id: 'u5', level: 5, role: 'Writer' };
const noLevel = { id: 'u9' };

// Each case: a rule on Item, and which users see which item ids (checked against both the
// reference evaluator and the SQL on each database).
const cases: { rule: string; expect: Record<string, string[]> }[] = [
  {
    rule: "@@deny('read', !(auth().level >= 3))\n@@allow('read', true)",
    expect: { anonymous: [], level1: [], level5: ['1', '2', '3'], noLevel: [] },
  },
  {
    rule: "@@allow('read', !(auth().level < 0))",
    expect: { anonymous: [], level1: ['1', '2', '3'], level5: ['1', '2', '3'], noLevel: [] },
  },
  {
    rule: "@@allow('read', auth() == null)",
    expect: { anonymous: ['1', '2', '3'], level1: [], level5: [], noLevel: [] },
  },
  {
    rule: "@@allow('read', auth() != null)",
    expect: {
      anonymous: [],
      level1: ['1', '2', '3'],
      level5: ['1', '2', '3'],
      noLevel: ['1', '2', '3'],
    },
  },
  {
    rule: "@@allow('read', auth().role != 'Writer')",
    expect: {
      anonymous: ['1', '2', '3'],
      level1: ['1', '2', '3'],
      level5: [],
      noLevel: ['1', '2', '3'],
    },
  },
  {
    rule: "@@allow('read', auth().role == 'Admin')",
    expect: { anonymous: [], level1: [], level5: [], noLevel: [] },
  },
  {
    rule: "@@allow('read', owner == auth())",
    expect: { anonymous: [], level1: ['1'], level5: ['2'], noLevel: [] },
  },
  {
    rule: "@@allow('read', owner != auth())",
    expect: {
      anonymous: ['1', '2', '3'],
      level1: ['2', '3'],
      level5: ['1', '3'],
      noLevel: ['1', '2', '3'],
    },
  },
  {
    rule: "@@allow('read', score > 10)",
    expect: { anonymous: ['2'], level1: ['2'], level5: ['2'], noLevel: ['2'] },
  },
  {
    rule: "@@allow('read', !(score > 10))",
    expect: { anonymous: ['1'], level1: ['1'], level5: ['1'], noLevel: ['1'] },
  },
  {
    rule: "@@allow('read', true)\n@@deny('read', score > 10)",
    expect: { anonymous: ['1'], level1: ['1'], level5: ['1'], noLevel: ['1'] },
  },
  {
    rule: "@@allow('read', true)\n@@deny('read', !(score <= 10))",
    expect: { anonymous: ['1'], level1: ['1'], level5: ['1'], noLevel: ['1'] },
  },
  {
    rule: "@@allow('read', score == null)",
    expect: { anonymous: ['3'], level1: ['3'], level5: ['3'], noLevel: ['3'] },
  },
  {
    rule: "@@allow('read', score != null || score > auth().level)",
    expect: { anonymous: ['1', '2'], level1: ['1', '2'], level5: ['1', '2'], noLevel: ['1', '2'] },
  },
  {
    rule: "@@allow('read', score > auth().level || owner == auth())",
    expect: { anonymous: [], level1: ['1', '2'], level5: ['2'], noLevel: [] },
  },
  {
    rule: "@@allow('read', owner.level >= 3)",
    expect: { anonymous: ['2'], level1: ['2'], level5: ['2'], noLevel: ['2'] },
  },
  {
    rule: "@@allow('read', true)\n@@deny('read', owner.level < 3)",
    expect: { anonymous: ['2'], level1: ['2'], level5: ['2'], noLevel: ['2'] },
  },
];

describe.each(await testDialects())('three-valued policy semantics on %s', (dialect) => {
  let t: PolicyTestDb;
  beforeAll(async () => {
    t = await openPolicyDb(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const users = { anonymous, level1, level5, noLevel };
  const data: Dataset = {
    User: [
      { id: 'u1', level: 1, role: 'Reader' },
      { id: 'u5', level: 5, role: 'Writer' },
      { id: 'u9', level: null, role: null },
    ],
    Item: [
      { id: 1, score: 5, ownerId: 'u1' },
      { id: 2, score: 50, ownerId: 'u5' },
      { id: 3, score: null, ownerId: null },
    ],
  };

  it.each(cases)('$rule', async ({ rule, expect: expected }) => {
    const schema = await schemaOf(`
      model User {
        id String @id
        level Int?
        role String?
        items Item[]
        @@allow('all', true)
      }
      model Item {
        id Int @id
        score Int?
        owner User? @relation(fields: [ownerId], references: [id])
        ownerId String?
        ${rule}
      }`);
    await loadData(t, schema, data);
    for (const [name, user] of Object.entries(users)) {
      const fromSql = await sqlPermittedIds(t, schema, 'Item', 'read', user);
      const fromReference = referencePermittedIds(schema, data, 'Item', 'read', user);
      expect({ user: name, ids: fromSql }).toEqual({ user: name, ids: fromReference });
      expect({ user: name, ids: fromSql }).toEqual({ user: name, ids: expected[name] });
    }
  });
});

describe('folding', () => {
  it('folds auth()-only rules to constants before building SQL', async () => {
    const schema = await schemaOf(`
      model User {
        id String @id
        role String
        @@allow('all', true)
      }
      model Post {
        id Int @id
        @@allow('create', auth().role == 'Writer')
        @@allow('read', true)
      }`);
    const opts = { dialect: 'sqlite' as const, alias: 't' };
    expect(
      compilePolicyFilter(schema, 'Post', 'create', { ...opts, user: { id: 'a', role: 'Writer' } }),
    ).toBe(true);
    expect(
      compilePolicyFilter(schema, 'Post', 'create', { ...opts, user: { id: 'a', role: 'Reader' } }),
    ).toBe(false);
    expect(compilePolicyFilter(schema, 'Post', 'create', { ...opts, user: null })).toBe(false);
    expect(compilePolicyFilter(schema, 'Post', 'update', { ...opts, user: null })).toBe(false);
    expect(compilePolicyFilter(schema, 'Post', 'read', { ...opts, user: null })).toBe(true);
  });

  it('the reference evaluator agrees on the seed rules', async () => {
    const schema = await schemaOf(`
      model User {
        id String @id
        role String
        posts Post[]
        @@allow('all', auth() == this)
        @@allow('create', true)
      }
      model Post {
        id Int @id
        status String
        author User @relation(fields: [authorId], references: [id])
        authorId String
        @@allow('read', auth() != null && status == 'published')
        @@allow('create', auth().role == 'Writer')
        @@allow('read,update,delete', author == auth())
      }`);
    const draft = { id: 1, status: 'draft', authorId: 'a' };
    expect(evaluateRule(schema, 'Post', 'read', { id: 'a' }, draft)).toBe(true);
    expect(evaluateRule(schema, 'Post', 'read', { id: 'b' }, draft)).toBe(false);
    expect(evaluateRule(schema, 'Post', 'read', null, { ...draft, status: 'published' })).toBe(
      false,
    );
    expect(
      evaluateRule(schema, 'Post', 'read', { id: 'b' }, { ...draft, status: 'published' }),
    ).toBe(true);
    expect(evaluateRule(schema, 'Post', 'create', { id: 'b', role: 'Reader' }, draft)).toBe(false);
    expect(evaluateRule(schema, 'User', 'create', null, { id: 'x', role: 'Reader' })).toBe(true);
  });
});
