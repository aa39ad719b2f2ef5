import { testDialects } from '@warden/test-kit';
import { describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// A to-many member of the user object that is absent (or an anonymous user) is UNKNOWN, not an
// empty list: `![..]` and `^[..]` over it must not grant, and a deny over it must deny. Only an
// explicit `[]` is empty. The same holds for a to-many member of an element of such a list.
const text = `
model User {
  id       Int       @id
  profiles Profile[]
  posts    Post[]
  @@allow('all', true)
}

model Profile {
  id     Int  @id
  age    Int?
  user   User @relation(fields: [userId], references: [id])
  userId Int
  @@allow('all', true)
}

model Post {
  id        Int       @id
  published Boolean
  author    User      @relation(fields: [authorId], references: [id])
  authorId  Int
  comments  Comment[]
  @@allow('all', true)
}

model Comment {
  id        Int     @id
  published Boolean
  post      Post    @relation(fields: [postId], references: [id])
  postId    Int
  @@allow('all', true)
}

model Gated {
  id          Int @id
  requiredAge Int
  @@allow('all', auth().profiles![age >= this.requiredAge])
}

model Submission {
  id Int @id
  @@allow('read', true)
  @@allow('create', auth().posts?[published && comments![published]])
}

model AdultOnly {
  id Int @id
  @@allow('all', true)
  @@deny('read', auth().profiles?[age < 18])
}
`;

describe.each(await testDialects())('a missing auth() collection is unknown on %s', (dialect) => {
  let db: any;
  ormTestDb(dialect, text, async (opened) => {
    db = opened;
    await db.gated.createMany({
      data: [
        { id: 1, requiredAge: 18 },
        { id: 2, requiredAge: 40 },
      ],
    });
    await db.adultOnly.create({ data: { id: 1 } });
  });
  const ids = async (client: any, model: string) =>
    (await client[model].findMany({ orderBy: { id: 'asc' } })).map((r: any) => r.id);

  describe('every (![..]) in an allow', () => {
    it('grants nothing to an anonymous user or one whose object lacks the member', async () => {
      for (const user of [undefined, { id: 1 }, { id: 1, profiles: null }]) {
        const client = enhance(db, { user });
        expect(await ids(client, 'gated')).toEqual([]);
        expect(await client.gated.count()).toBe(0);
        await expect(client.gated.check({ operation: 'read' })).resolves.toBe(false);
        await expect(
          client.gated.update({ where: { id: 1 }, data: { requiredAge: 17 } }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
    });

    it('is vacuously true over an explicit empty list', async () => {
      const client = enhance(db, { user: { id: 1, profiles: [] } });
      expect(await ids(client, 'gated')).toEqual([1, 2]);
      await expect(client.gated.check({ operation: 'read' })).resolves.toBe(true);
    });

    it('reads each given element, and an element lacking the compared member is unknown', async () => {
      expect(await ids(enhance(db, { user: { id: 1, profiles: [{ age: 30 }] } }), 'gated')).toEqual(
        [1],
      );
      const partial = enhance(db, { user: { id: 1, profiles: [{ age: 30 }, { id: 7 }] } });
      expect(await ids(partial, 'gated')).toEqual([]);
      await expect(partial.gated.check({ operation: 'read' })).resolves.toBe(false);
    });
  });

  describe('a nested collection of an element', () => {
    const attempt = (user: any, id: number) =>
      enhance(db, { user }).submission.create({ data: { id } });

    it('is unknown when the element lacks it, so the create is rejected', async () => {
      await expect(attempt({ id: 1, posts: [{ published: true }] }, 10)).rejects.toMatchObject({
        code: 'REJECTED_BY_POLICY',
      });
      await expect(attempt({ id: 1 }, 11)).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY' });
      await expect(attempt(undefined, 12)).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY' });
      await expect(
        enhance(db, { user: { id: 1, posts: [{ published: true }] } }).submission.check({
          operation: 'create',
        }),
      ).resolves.toBe(false);
      expect(await db.submission.count({ where: { id: { in: [10, 11, 12] } } })).toBe(0);
    });

    it('is read when given, empty or not', async () => {
      const empty = { id: 1, posts: [{ published: true, comments: [] }] };
      await expect(attempt(empty, 20)).resolves.toEqual({ id: 20 });
      const ok = { id: 1, posts: [{ published: true, comments: [{ published: true }] }] };
      await expect(attempt(ok, 21)).resolves.toEqual({ id: 21 });
      const bad = { id: 1, posts: [{ published: true, comments: [{ published: false }] }] };
      await expect(attempt(bad, 22)).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY' });
      await expect(
        enhance(db, { user: empty }).submission.check({ operation: 'create' }),
      ).resolves.toBe(true);
    });
  });

  describe('some (?[..]) in a deny', () => {
    it('denies an anonymous user and one whose object lacks the member', async () => {
      for (const user of [undefined, { id: 1 }]) {
        const client = enhance(db, { user });
        expect(await ids(client, 'adultOnly')).toEqual([]);
        await expect(client.adultOnly.check({ operation: 'read' })).resolves.toBe(false);
      }
    });

    it('denies only by what the given list holds', async () => {
      expect(await ids(enhance(db, { user: { id: 1, profiles: [] } }), 'adultOnly')).toEqual([1]);
      expect(
        await ids(enhance(db, { user: { id: 1, profiles: [{ age: 20 }] } }), 'adultOnly'),
      ).toEqual([1]);
      expect(
        await ids(enhance(db, { user: { id: 1, profiles: [{ age: 10 }] } }), 'adultOnly'),
      ).toEqual([]);
      // An age the object does not give could be under 18: the deny holds.
      expect(await ids(enhance(db, { user: { id: 1, profiles: [{}] } }), 'adultOnly')).toEqual([]);
    });
  });
});
