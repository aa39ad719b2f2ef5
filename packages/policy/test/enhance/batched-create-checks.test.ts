import { testDialects } from '@warden/test-kit';
import { beforeEach, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// A create rule that reads a related row cannot be decided on the input: the rows of a
// multi-row insert are checked together, a hundred per query, not one query per row.
const text = `
model User {
  id    Int    @id
  role  String
  posts Post[]
  @@allow('all', true)
}

model Post {
  id       Int    @id
  title    String
  author   User   @relation(fields: [authorId], references: [id])
  authorId Int
  @@allow('read', true)
  @@allow('create', author.role == 'WRITER')
}
`;

const ROWS = 250; // three chunks

describe.each(await testDialects())('create checks over many rows on %s', (dialect) => {
  let db: any;
  const asUser = () => enhance(db, { user: { id: 1 } });
  const posts = (authorOf: (i: number) => number) =>
    Array.from({ length: ROWS }, (_, i) => ({ id: i + 1, title: `p${i}`, authorId: authorOf(i) }));

  const statements = ormTestDb(dialect, text, (opened) => (db = opened), { logSql: true });
  beforeEach(async () => {
    await db.post.deleteMany({});
    await db.user.deleteMany({});
    await db.user.createMany({
      data: [
        { id: 1, role: 'WRITER' },
        { id: 2, role: 'READER' },
      ],
    });
    statements.length = 0;
  });

  it('checks every row of a createMany in a few statements', async () => {
    expect(await asUser().post.createMany({ data: posts(() => 1) })).toEqual({ count: ROWS });
    expect(await db.post.count()).toBe(ROWS);
    expect(statements.length).toBeLessThan(10);
  });

  it('refuses the whole createMany when one row of the last chunk fails', async () => {
    await expect(
      asUser().post.createMany({ data: posts((i) => (i === ROWS - 1 ? 2 : 1)) }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', model: 'Post', reason: 'no-access' });
    expect(await db.post.count()).toBe(0);
  });

  it('checks createManyAndReturn and a nested createMany the same way', async () => {
    const rows = await asUser().post.createManyAndReturn({
      data: posts(() => 1),
      select: { id: true },
    });
    expect(rows.map((r: { id: number }) => r.id)).toEqual(posts(() => 1).map((p) => p.id));
    await db.post.deleteMany({});
    statements.length = 0;
    const nested = (userId: number) =>
      asUser().user.update({
        where: { id: userId },
        data: {
          posts: {
            createMany: { data: posts(() => userId).map(({ id, title }) => ({ id, title })) },
          },
        },
      });
    await expect(nested(2)).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', model: 'Post' });
    expect(await db.post.count()).toBe(0);
    await nested(1);
    expect(await db.post.count({ where: { authorId: 1 } })).toBe(ROWS);
    expect(statements.length).toBeLessThan(20);
  });

  it('still checks a single create', async () => {
    await expect(
      asUser().post.create({ data: { id: 1, title: 'r', authorId: 2 } }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY' });
    await expect(
      asUser().post.create({ data: { id: 1, title: 'w', authorId: 1 } }),
    ).resolves.toMatchObject({
      id: 1,
    });
  });
});
