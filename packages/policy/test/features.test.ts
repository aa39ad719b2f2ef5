import type { PolicyOperation, SchemaDef } from '@warden/schema';
import { testDialects } from '@warden/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referencePermittedIds, sqlPermittedIds } from './helpers/check-filter.js';
import { schemaFromText } from './helpers/orm-db.js';
import { loadData, openPolicyDb, type Dataset, type PolicyTestDb } from './helpers/policy-db.js';

// One schema; each case swaps in the rules of one model and states which ids each user may
// access. Both the compiled SQL (on each database) and the reference evaluator must agree.
function schemaText(rules: Partial<Record<'User' | 'Post' | 'Comment', string>>): string {
  return `
enum Role {
  Admin
  Writer
  Reader
}

model User {
  id String @id
  role Role?
  level Int?
  tags String[]
  posts Post[]
  comments Comment[]
  profile Profile?
  ${rules.User ?? "@@allow('all', true)"}
}

model Profile {
  id Int @id
  bio String?
  public Boolean
  user User @relation(fields: [userId], references: [id])
  userId String @unique
  @@allow('all', true)
}

model Post {
  id Int @id
  title String
  published Boolean
  views Int?
  tags String[]
  createdAt DateTime?
  score Decimal?
  big BigInt?
  author User? @relation(fields: [authorId], references: [id])
  authorId String?
  comments Comment[]
  labels Label[]
  ${rules.Post ?? "@@allow('all', true)"}
}

model Comment {
  id Int @id
  body String
  post Post @relation(fields: [postId], references: [id])
  postId Int
  author User? @relation(fields: [authorId], references: [id])
  authorId String?
  ${rules.Comment ?? "@@allow('all', true)"}
}

model Label {
  id String @id
  name String
  posts Post[]
  @@allow('all', true)
}
`;
}

const users = {
  anon: null,
  u1: { id: 'u1', role: 'Admin', level: 5, tags: ['x', 'y'] },
  u2: { id: 'u2', role: 'Writer', level: 1 },
  u3: { id: 'u3' },
};
type Who = keyof typeof users;

function dataset(schema: SchemaDef): Dataset {
  const join = schema.models.Post!.fields.labels!.relation!.joinTable!;
  const link = (label: string, post: number) =>
    join.column === 'B' ? { A: label, B: post } : { A: post, B: label };
  return {
    User: [
      { id: 'u1', role: 'Admin', level: 5, tags: ['x', 'y'] },
      { id: 'u2', role: 'Writer', level: 1, tags: [] },
      { id: 'u3', role: null, level: null, tags: ['y'] },
    ],
    Profile: [
      { id: 1, bio: 'hello', public: true, userId: 'u1' },
      { id: 2, bio: null, public: false, userId: 'u2' },
    ],
    Post: [
      {
        id: 1,
        title: 'Hello World',
        published: true,
        views: 10,
        tags: ['a', 'b'],
        createdAt: new Date('2001-02-03T04:05:06.789Z'),
        score: 2.25,
        big: 9007199254740993n,
        authorId: 'u1',
      },
      {
        id: 2,
        title: 'draft',
        published: false,
        views: null,
        tags: [],
        createdAt: new Date('2099-01-01T00:00:00.000Z'),
        score: 1.5,
        big: 1n,
        authorId: 'u2',
      },
      {
        id: 3,
        title: 'hello again',
        published: true,
        views: 0,
        tags: ['b'],
        createdAt: null,
        score: null,
        big: null,
        authorId: null,
      },
      {
        id: 4,
        title: '',
        published: false,
        views: 3,
        tags: ['c'],
        createdAt: null,
        score: 10,
        big: -5n,
        authorId: 'u3',
      },
    ],
    Comment: [
      { id: 1, body: 'nice', postId: 1, authorId: 'u2' },
      { id: 2, body: 'thanks', postId: 1, authorId: 'u1' },
      { id: 3, body: 'hmm', postId: 2, authorId: 'u2' },
    ],
    Label: [
      { id: 'L1', name: 'red' },
      { id: 'L2', name: 'blue' },
    ],
    [join.name]: [link('L1', 1), link('L1', 2), link('L2', 1)],
  };
}

interface Case {
  readonly model?: 'User' | 'Post' | 'Comment';
  readonly op?: PolicyOperation;
  readonly rules: string;
  /** Expected ids per user; a string applies to every user. */
  readonly expect: string | Partial<Record<Who, string>>;
  /** Other models' rules (for check()). */
  readonly others?: Partial<Record<'User' | 'Post' | 'Comment', string>>;
}

const all = '1,2,3,4';
const cases: Case[] = [
  { rules: "@@allow('read', published)", expect: '1,3' },
  { rules: "@@allow('read', !published)", expect: '2,4' },
  { rules: "@@allow('read', published == false)", expect: '2,4' },
  { rules: "@@allow('read', views > 2)", expect: '1,4' },
  { rules: "@@allow('read', !(views > 2))", expect: '3' },
  { rules: "@@allow('read', views == null)", expect: '2' },
  { rules: "@@allow('read', views != null && views <= 3)", expect: '3,4' },
  { rules: "@@allow('read', views >= 0 || published)", expect: '1,3,4' },
  { rules: "@@allow('read', !(views >= 0 || published))", expect: '' },
  { rules: "@@allow('read', title == 'draft')", expect: '2' },
  { rules: "@@allow('read', title < 'd')", expect: '1,4' },
  { rules: "@@allow('read', contains(title, 'hello'))", expect: '3' },
  { rules: "@@allow('read', contains(title, 'hello', true))", expect: '1,3' },
  { rules: "@@allow('read', !contains(title, 'o'))", expect: '2,4' },
  { rules: "@@allow('read', startsWith(title, 'Hello'))", expect: '1' },
  { rules: "@@allow('read', endsWith(title, 'again'))", expect: '3' },
  { rules: "@@allow('read', endsWith(title, ''))", expect: all },
  { rules: "@@allow('read', title in ['draft', ''])", expect: '2,4' },
  { rules: "@@allow('read', !(title in ['draft', '']))", expect: '1,3' },
  { rules: "@@allow('read', views in [0, 3])", expect: '3,4' },
  { rules: "@@allow('read', has(tags, 'b'))", expect: '1,3' },
  { rules: "@@allow('read', !has(tags, 'b'))", expect: '2,4' },
  { rules: "@@allow('read', hasSome(tags, ['a', 'c']))", expect: '1,4' },
  { rules: "@@allow('read', hasEvery(tags, ['a', 'b']))", expect: '1' },
  { rules: "@@allow('read', isEmpty(tags))", expect: '2' },
  { rules: "@@allow('read', author == auth())", expect: { anon: '', u1: '1', u2: '2', u3: '4' } },
  {
    rules: "@@allow('read', author != auth())",
    expect: { anon: all, u1: '2,3,4', u2: '1,3,4', u3: '1,2,3' },
  },
  { rules: "@@allow('read', auth() == author)", expect: { anon: '', u1: '1', u2: '2', u3: '4' } },
  { rules: "@@allow('read', author == null)", expect: '3' },
  { rules: "@@allow('read', author != null)", expect: '1,2,4' },
  { rules: "@@allow('read', author.role == Admin)", expect: '1' },
  {
    rules: "@@allow('read', author.role == auth().role)",
    expect: { anon: '3,4', u1: '1', u2: '2', u3: '3,4' },
  },
  {
    rules: "@@allow('read', author.level >= auth().level)",
    expect: { anon: '', u1: '1', u2: '1,2', u3: '' },
  },
  // Scalars compare null-safely: a post without author has author.id == null, as anon's auth().id.
  {
    rules: "@@allow('read', author.id == auth().id)",
    expect: { anon: '3', u1: '1', u2: '2', u3: '4' },
  },
  { rules: "@@allow('read', author.profile.public)", expect: '1' },
  { rules: "@@allow('read', author.profile == null)", expect: '3,4' },
  { rules: "@@allow('read', author.profile.bio == null)", expect: '2,3,4' },
  {
    rules: "@@allow('read', comments?[author == auth()])",
    expect: { anon: '', u1: '1', u2: '1,2', u3: '' },
  },
  {
    rules: "@@allow('read', comments![author == auth()])",
    expect: { anon: '3,4', u1: '3,4', u2: '2,3,4', u3: '3,4' },
  },
  {
    rules: "@@allow('read', comments^[author == auth()])",
    expect: { anon: all, u1: '2,3,4', u2: '3,4', u3: all },
  },
  { rules: "@@allow('read', comments?[author.role == Admin])", expect: '1' },
  { rules: "@@allow('read', comments?[author.posts?[published]])", expect: '1' },
  { rules: "@@allow('read', labels?[name == 'red'])", expect: '1,2' },
  { rules: "@@allow('read', labels![name == 'red'])", expect: '2,3,4' },
  { rules: "@@allow('read', labels^[name == 'blue'])", expect: '2,3,4' },
  { rules: "@@allow('read', auth().level > 3)", expect: { anon: '', u1: all, u2: '', u3: '' } },
  {
    rules: "@@allow('read', auth().role == Writer || published)",
    expect: { anon: '1,3', u1: '1,3', u2: all, u3: '1,3' },
  },
  {
    rules: "@@allow('read', has(auth().tags, 'x'))",
    expect: { anon: '', u1: all, u2: '', u3: '' },
  },
  { rules: "@@allow('read', createdAt < now())", expect: '1' },
  { rules: "@@allow('read', !(createdAt < now()))", expect: '2' },
  {
    rules: "@@allow('read', currentModel() == 'Post' && currentOperation() == 'read')",
    expect: all,
  },
  { rules: "@@allow('read', currentOperation() == 'update')", expect: '' },
  { rules: "@@allow('read', score > 1.5)", expect: '1,4' },
  { rules: "@@allow('read', score == 2.25)", expect: '1' },
  { rules: "@@allow('read', big > 100)", expect: '1' },
  { rules: "@@allow('read', big < 0 || big == 1)", expect: '2,4' },
  {
    rules: "@@allow('read', check(author))",
    others: { User: "@@allow('read', auth() == this)" },
    expect: { anon: '', u1: '1', u2: '2', u3: '4' },
  },
  {
    rules: "@@allow('read', check(author, 'update'))",
    others: { User: "@@allow('update', auth().role == Admin)" },
    expect: { anon: '', u1: '1,2,4', u2: '', u3: '' },
  },
  {
    rules: "@@allow('read', check(author))",
    others: { User: "@@allow('read', posts?[check(author)])" },
    expect: '',
  },
  { rules: "@@allow('read', true)\n@@deny('read', views < 1)", expect: '1,4' },
  { rules: "@@allow('read', true)\n@@deny('read', author.level < 3)", expect: '1' },
  {
    rules: "@@allow('read', true)\n@@deny('read', auth() == null)",
    expect: { anon: '', u1: all, u2: all, u3: all },
  },
  {
    rules: "@@allow('read', true)\n@@deny('read', !(auth().level >= 3))",
    expect: { anon: '', u1: all, u2: '', u3: '' },
  },
  { rules: "@@allow('read', !(auth().level < 0))", expect: { anon: '', u1: all, u2: all, u3: '' } },
  {
    rules:
      "@@allow('read', author == auth() || published)\n@@deny('read', auth().role == Writer && !published)",
    expect: { anon: '1,3', u1: '1,3', u2: '1,3', u3: '1,3,4' },
  },
  {
    rules: "@@allow('read', true)\n@@deny('read', contains(title, auth().id))",
    expect: { anon: '', u1: all, u2: all, u3: all },
  },
  { rules: "@@allow('all', published)", op: 'update', expect: '1,3' },
  {
    rules: "@@allow('read,delete', author == auth())",
    op: 'delete',
    expect: { anon: '', u1: '1', u2: '2', u3: '4' },
  },
  { rules: "@@allow('read', true)", op: 'update', expect: '' },
  { rules: "@@allow('create', true)\n@@deny('all', views > 5)", op: 'read', expect: '' },
  {
    model: 'User',
    rules: "@@allow('read', auth() == this || role == Admin)",
    expect: { anon: 'u1', u1: 'u1', u2: 'u1,u2', u3: 'u1,u3' },
  },
  {
    model: 'User',
    rules: "@@allow('read', this != auth())",
    expect: { anon: 'u1,u2,u3', u1: 'u2,u3', u2: 'u1,u3', u3: 'u1,u2' },
  },
  { model: 'User', rules: "@@allow('read', posts?[published])", expect: 'u1' },
  { model: 'User', rules: "@@allow('read', posts![published])", expect: 'u1' },
  { model: 'User', rules: "@@allow('read', profile.public == false)", expect: 'u2' },
  { model: 'User', rules: "@@allow('read', profile.bio == null)", expect: 'u2,u3' },
  { model: 'User', rules: "@@allow('read', profile == null)", expect: 'u3' },
  { model: 'User', rules: "@@allow('read', role in [Admin, Writer])", expect: 'u1,u2' },
  { model: 'User', rules: "@@allow('read', !(role in [Admin]))", expect: 'u2' },
  {
    model: 'User',
    rules: "@@allow('read', role == auth().role)",
    expect: { anon: 'u3', u1: 'u1', u2: 'u2', u3: 'u3' },
  },
  { model: 'User', rules: "@@allow('read', has(tags, 'y') && level > 0)", expect: 'u1' },
  {
    model: 'User',
    rules: "@@allow('read', level > auth().level)",
    expect: { anon: '', u1: '', u2: 'u1', u3: '' },
  },
  {
    model: 'Comment',
    rules: "@@allow('read', post.published && post.author == auth())",
    expect: { anon: '', u1: '1,2', u2: '', u3: '' },
  },
  {
    model: 'Comment',
    rules: "@@allow('read', check(post))",
    others: { Post: "@@allow('read', published)" },
    expect: '1,2',
  },
  {
    model: 'Comment',
    rules: "@@allow('read', post.comments?[author == auth()])",
    expect: { anon: '', u1: '1,2', u2: '1,2,3', u3: '' },
  },
  { model: 'Comment', rules: "@@allow('read', post.author.role == Writer)", expect: '3' },
  { model: 'Comment', rules: "@@allow('read', author == post.author)", expect: '2,3' },
];

describe.each(await testDialects())('rule features on %s', (dialect) => {
  let t: PolicyTestDb;
  beforeAll(async () => {
    t = await openPolicyDb(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(cases)('$model $op: $rules', async (c) => {
    const model = c.model ?? 'Post';
    const op = c.op ?? 'read';
    const schema = await schemaFromText(schemaText({ ...c.others, [model]: c.rules }), dialect);
    const data = dataset(schema);
    await loadData(t, schema, data);
    for (const [who, user] of Object.entries(users) as [Who, (typeof users)[Who]][]) {
      const expected = (typeof c.expect === 'string' ? c.expect : (c.expect[who] ?? ''))
        .split(',')
        .filter(Boolean)
        .sort();
      const fromSql = await sqlPermittedIds(t, schema, model, op, user);
      const fromReference = referencePermittedIds(schema, data, model, op, user);
      expect({ who, reference: fromReference }).toEqual({ who, reference: expected });
      expect({ who, sql: fromSql }).toEqual({ who, sql: expected });
    }
  });
});
