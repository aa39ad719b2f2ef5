import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchema } from '../src/index.js';
import { DATASOURCE, loadErrors, loadOk } from './helpers.js';

describe('import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warden-language-'));
    await mkdir(join(dir, 'models'));
    await writeFile(
      join(dir, 'schema.zmodel'),
      `import "models/user"\nimport "./models/post.zmodel"\n\n${DATASOURCE}`,
    );
    // user and post import each other: a cycle, and each file is read once.
    await writeFile(
      join(dir, 'models', 'user.zmodel'),
      `import "post"\nimport "base"\n\nmodel User extends Base {\n  email String @unique\n  posts Post[]\n}\n`,
    );
    await writeFile(
      join(dir, 'models', 'post.zmodel'),
      `import "user"\n\nmodel Post extends Base {\n  title    String\n  author   User   @relation(fields: [authorId], references: [id])\n  authorId String\n  @@allow('read', author == auth())\n}\n`,
    );
    await writeFile(
      join(dir, 'models', 'base.zmodel'),
      `abstract model Base {\n  id        String   @id @default(cuid())\n  createdAt DateTime @default(now())\n  @@allow('create', true)\n}\n`,
    );
    await writeFile(join(dir, 'broken.zmodel'), `import "models/user"\nimport "missing"\n`);
    await writeFile(
      join(dir, 'bad-child.zmodel'),
      `import "models/base"\n\nmodel Thing extends Base {\n  n Intt\n}\n`,
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads models from imported files, relative to the importing file, cycles included', async () => {
    const r = await loadSchema({ path: join(dir, 'schema.zmodel') });
    if (!r.ok) expect.fail(JSON.stringify(r.diagnostics));
    expect(Object.keys(r.schema.models).sort()).toEqual(['Post', 'User']);
    expect(r.schema.models.Post?.fields.author?.relation?.opposite).toBe('posts');
    expect(Object.keys(r.schema.models.User?.fields ?? {})).toEqual([
      'id',
      'createdAt',
      'email',
      'posts',
    ]);
  });

  it('reports a missing import at the import statement, with the importing file', async () => {
    const r = await loadSchema({ path: join(dir, 'broken.zmodel') });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const missing = r.diagnostics.find((d) => d.code === 'file-not-found');
    expect(missing).toMatchObject({ file: join(dir, 'broken.zmodel'), line: 2, column: 1 });
  });

  it('reports problems in the file where they are', async () => {
    const r = await loadSchema({ path: join(dir, 'bad-child.zmodel') });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.find((d) => d.code === 'unknown-type')).toMatchObject({
      file: join(dir, 'bad-child.zmodel'),
      line: 4,
      column: 5,
    });
  });

  it('resolves imports of text input relative to its path', async () => {
    const r = await loadSchema({
      text: `import "models/user"\n${DATASOURCE}`,
      path: join(dir, 'inline.zmodel'),
    });
    expect(r.ok).toBe(true);
  });
});

describe('abstract models and extends', () => {
  const schema = `${DATASOURCE}
abstract model Base {
  id    Int    @id @default(autoincrement())
  owner String
  @@allow('read', true)
  @@deny('delete', owner == 'root')
}

abstract model Named extends Base {
  /// The display name
  name String @length(1, 20)
  @@unique([owner, name])
}

model Doc extends Named {
  body String
  @@allow('update', future().owner == owner)
}

model Note extends Base {
  text String
}
`;

  it('copies fields, rules and keys of all bases into each concrete model, bases first', async () => {
    const s = await loadOk(schema);
    expect(Object.keys(s.models)).toEqual(['Doc', 'Note']);
    const doc = s.models.Doc;
    expect(Object.keys(doc?.fields ?? {})).toEqual(['id', 'owner', 'name', 'body']);
    expect(doc?.idFields).toEqual(['id']);
    expect(doc?.fields.name?.doc).toBe('The display name');
    expect(doc?.uniques).toEqual([{ name: 'owner_name', fields: ['owner', 'name'] }]);
    expect(doc?.policies.map((p) => [p.kind, p.operations])).toEqual([
      ['allow', ['read']],
      ['deny', ['delete']],
      ['allow', ['update']],
    ]);
    expect(doc?.policies[1]?.condition).toMatchObject({
      left: { kind: 'field', name: 'owner', model: 'Doc' },
    });
    expect(Object.keys(s.models.Note?.fields ?? {})).toEqual(['id', 'owner', 'text']);
    expect(s.models.Note?.policies).toHaveLength(2);
  });

  it('reports an error in an abstract base once, not once per child', async () => {
    const errors = await loadErrors(schema.replace('owner String\n', 'owner Strng\n'));
    expect(errors.map((e) => [e.code, e.line])).toEqual([['unknown-type', 7]]);
  });

  it('does not require an id on abstract models', async () => {
    const s = await loadOk(`${DATASOURCE}
abstract model Stamped {
  createdAt DateTime @default(now())
}
model A extends Stamped {
  id Int @id
}`);
    expect(s.models.A?.fields.createdAt?.default).toEqual({ kind: 'function', name: 'now' });
  });
});
