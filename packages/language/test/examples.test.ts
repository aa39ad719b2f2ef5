import { describe, expect, it } from 'vitest';
import { loadSchema } from '../src/index.js';

const dir = new URL('../../../examples/schemas/', import.meta.url).pathname;

async function load(name: string) {
  const r = await loadSchema({ path: dir + name });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2));
  expect(r.warnings).toEqual([]);
  return r.schema;
}

describe('examples/schemas/blog.zmodel', () => {
  it('loads with the datasource, auth model and the five models', async () => {
    const s = await load('blog.zmodel');
    expect(s.provider).toBe('sqlite');
    expect(s.authModel).toBe('User');
    expect(Object.keys(s.models)).toEqual([
      'User',
      'Post',
      'Account',
      'Session',
      'VerificationToken',
    ]);
    expect(s.models.User?.doc).toBe(
      'A person who can sign in. Everybody can sign up; each user manages only themselves.',
    );
  });

  it('resolves Post.author / User.posts as the two sides of one relation', async () => {
    const s = await load('blog.zmodel');
    expect(s.models.Post?.fields.author?.relation).toEqual({
      name: 'PostToUser',
      kind: 'many-to-one',
      model: 'User',
      opposite: 'posts',
      fields: ['authorId'],
      references: ['id'],
      onDelete: 'Cascade',
    });
    expect(s.models.User?.fields.posts?.relation).toEqual({
      name: 'PostToUser',
      kind: 'one-to-many',
      model: 'Post',
      opposite: 'author',
    });
    expect(s.models.Post?.fields.authorId?.foreignKeyOf).toEqual(['author']);
    expect(s.models.Account?.fields.user?.relation?.opposite).toBe('accounts');
  });

  it('expands policy operations and resolves names in conditions', async () => {
    const s = await load('blog.zmodel');
    const post = s.models.Post;
    expect(post?.policies.map((p) => [p.kind, p.operations, p.source])).toEqual([
      ['allow', ['read'], "auth() != null && status == 'published'"],
      ['allow', ['create'], "auth().role == 'Writer'"],
      ['allow', ['read', 'update', 'delete'], 'author == auth()'],
    ]);
    expect(post?.policies[0]?.condition).toEqual({
      kind: 'binary',
      op: '&&',
      left: { kind: 'binary', op: '!=', left: { kind: 'auth' }, right: { kind: 'null' } },
      right: {
        kind: 'binary',
        op: '==',
        left: { kind: 'field', name: 'status', model: 'Post' },
        right: { kind: 'literal', value: 'published' },
      },
    });
    expect(post?.policies[1]?.condition).toEqual({
      kind: 'binary',
      op: '==',
      left: { kind: 'member', object: { kind: 'auth' }, name: 'role', model: 'User' },
      right: { kind: 'literal', value: 'Writer' },
    });
    expect(s.models.User?.policies[1]).toMatchObject({
      operations: ['create', 'read', 'update', 'delete'],
      condition: { kind: 'binary', op: '==', left: { kind: 'auth' }, right: { kind: 'this' } },
    });
  });

  it('keeps defaults, attributes, uniques, indexes and ids', async () => {
    const s = await load('blog.zmodel');
    const user = s.models.User;
    expect(user?.fields.id).toMatchObject({
      id: true,
      default: { kind: 'function', name: 'cuid' },
    });
    expect(user?.fields.role?.default).toEqual({ kind: 'value', value: 'Reader' });
    expect(user?.fields.createdAt?.default).toEqual({ kind: 'function', name: 'now' });
    expect(user?.fields.updatedAt?.updatedAt).toBe(true);
    expect(user?.fields.password?.omit).toBe(true);
    expect(user?.fields.name?.optional).toBe(true);
    expect(user?.uniques).toEqual([{ name: 'email', fields: ['email'] }]);
    expect(user?.idFields).toEqual(['id']);
    expect(s.models.Post?.fields.title?.validations).toEqual([
      { kind: 'length', min: 1, max: 200 },
    ]);
    expect(s.models.Post?.indexes).toEqual([{ fields: ['authorId'] }, { fields: ['status'] }]);
    expect(s.models.Account?.uniques).toEqual([
      { name: 'provider_providerAccountId', fields: ['provider', 'providerAccountId'] },
    ]);
    const token = s.models.VerificationToken;
    expect(token?.idFields).toEqual(['identifier', 'token']);
    expect(token?.uniques).toEqual([{ name: 'token', fields: ['token'] }]);
    expect(token?.policies).toEqual([]);
  });

  it('produces JSON-serialisable data', async () => {
    const s = await load('blog.zmodel');
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('examples/schemas/blog-v1.zmodel', () => {
  it("expands 'all' to the four operations", async () => {
    const s = await load('blog-v1.zmodel');
    expect(s.models.Post?.policies.map((p) => p.operations)).toEqual([
      ['read'],
      ['create', 'read', 'update', 'delete'],
    ]);
    expect(s.models.User?.fields.role).toBeUndefined();
  });
});

describe('examples/schemas/post-check.zmodel', () => {
  it('loads Int ids with autoincrement and a rule over a field and auth()', async () => {
    const s = await load('post-check.zmodel');
    expect(s.models.Post?.fields.id?.default).toEqual({ kind: 'function', name: 'autoincrement' });
    expect(s.models.Post?.fields.published?.default).toEqual({ kind: 'value', value: false });
    expect(s.models.Post?.policies[0]?.condition).toEqual({
      kind: 'binary',
      op: '||',
      left: { kind: 'field', name: 'published', model: 'Post' },
      right: {
        kind: 'binary',
        op: '==',
        left: { kind: 'field', name: 'authorId', model: 'Post' },
        right: { kind: 'member', object: { kind: 'auth' }, name: 'id', model: 'User' },
      },
    });
  });
});
