import { testDialects } from '@warden/test-kit';
import { beforeEach, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// Boolean fields the caller's where fixes are constants in the read rule it is ANDed with, so
// `where: { published: true }` under `published || author == auth()` needs no rule SQL. The
// answers must be exactly those of the unfolded rule, and nothing else may be folded: fields
// under OR / NOT, the elements of a collection predicate (here of the same model).
const text = `
model User {
  id    Int    @id
  posts Post[]
  @@allow('all', true)
}

model Post {
  id       Int     @id
  published Boolean @default(false)
  pinned   Boolean @default(false)
  author   User?   @relation(fields: [authorId], references: [id])
  authorId Int?
  parent   Post?   @relation("tree", fields: [parentId], references: [id])
  parentId Int?
  children Post[]  @relation("tree")
  @@allow('read', published || author == auth() || children?[published && pinned])
  @@deny('read', pinned && !published && auth() == null)
  @@allow('create,update,delete', true)
}
`;

describe.each(await testDialects())('where-fixed booleans in read rules on %s', (dialect) => {
  let db: any;
  const as = (id?: number) => enhance(db, id === undefined ? {} : { user: { id } });
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);

  const statements = ormTestDb(dialect, text, (opened) => (db = opened), { logSql: true });
  beforeEach(async () => {
    await db.post.deleteMany({});
    await db.user.deleteMany({});
    await db.user.createMany({ data: [{ id: 1 }, { id: 2 }] });
    await db.post.createMany({
      data: [
        { id: 1, published: true, authorId: 1 },
        { id: 2, published: false, authorId: 1 },
        { id: 3, published: false, authorId: 2 },
        { id: 4, published: false, pinned: true, authorId: 2 },
        // A published, pinned child makes its unpublished parent 4 readable.
        { id: 5, published: true, pinned: true, authorId: 2, parentId: 4 },
      ],
    });
    statements.length = 0;
  });

  it('answers as the unfolded rule for every user', async () => {
    for (const user of [undefined, 1, 2]) {
      const all = ids(await as(user).post.findMany({}));
      const pub = ids(await as(user).post.findMany({ where: { published: true } }));
      const draft = ids(await as(user).post.findMany({ where: { published: { equals: false } } }));
      const both = ids(
        await as(user).post.findMany({ where: { AND: [{ published: false }, { pinned: true }] } }),
      );
      const published = new Set(ids(await db.post.findMany({ where: { published: true } })));
      expect(pub).toEqual(all.filter((id) => published.has(id)));
      expect(draft).toEqual(all.filter((id) => !published.has(id)));
      expect(both).toEqual(all.filter((id) => id === 4));
      expect(await as(user).post.count({ where: { published: false } })).toBe(draft.length);
    }
    expect(ids(await as(1).post.findMany({ where: { published: false } }))).toEqual([2, 4]);
    expect(ids(await as().post.findMany({ where: { published: false } }))).toEqual([]);
  });

  it('adds no rule SQL where the fixed fields decide it', async () => {
    statements.length = 0;
    expect(await as(1).post.count({ where: { published: true } })).toBe(2);
    expect(statements.at(-1)).not.toMatch(/author_?[iI]d|exists/);
    // Unpublished rows still need the rest of the rule.
    await as(1).post.count({ where: { published: false } });
    expect(statements.at(-1)).toMatch(/exists/);
  });

  it('does not fold fields under OR or NOT', async () => {
    const leak = { OR: [{ published: true }, { id: 3 }] };
    expect(ids(await as(1).post.findMany({ where: leak }))).toEqual([1, 5]);
    expect(ids(await as(1).post.findMany({ where: { NOT: { published: false } } }))).toEqual([
      1, 5,
    ]);
    expect(await as(1).post.findFirst({ where: { published: { not: true }, id: 3 } })).toBeNull();
  });

  it('keeps the elements of a collection predicate apart from the row', async () => {
    // Post 4 is unpublished; its child 5 is published and pinned. Folding `published` to
    // false inside the predicate would hide it.
    expect(ids(await as(2).post.findMany({ where: { published: false, pinned: true } }))).toEqual([
      4,
    ]);
    expect(ids(await as(1).post.findMany({ where: { published: false, pinned: true } }))).toEqual([
      4,
    ]);
    expect(await as().post.findUnique({ where: { id: 4, published: false } })).toBeNull();
  });

  it('uses a plan per value: true then false for the same user', async () => {
    const u = as(1);
    expect(ids(await u.post.findMany({ where: { published: true } }))).toEqual([1, 5]);
    expect(ids(await u.post.findMany({ where: { published: false } }))).toEqual([2, 4]);
    expect(ids(await u.post.findMany({ where: { published: true } }))).toEqual([1, 5]);
    expect(await u.post.aggregate({ where: { published: false }, _count: { _all: true } })).toEqual(
      {
        _count: { _all: 2 },
      },
    );
    expect(
      await u.post.groupBy({
        by: ['pinned'],
        where: { published: false },
        _count: { _all: true },
        orderBy: { pinned: 'asc' },
      }),
    ).toEqual([
      { pinned: false, _count: { _all: 1 } },
      { pinned: true, _count: { _all: 1 } },
    ]);
  });
});
