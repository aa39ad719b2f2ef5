import { testDialects } from '@warden/test-kit';
import { beforeEach, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// Many-to-many links to rows the caller cannot read: it cannot make them, and replacing the
// list with `set` leaves them alone, as a `disconnect` naming them would.
const text = `
model Post {
  id   Int   @id
  tags Tag[]
  @@allow('all', true)
}

model Tag {
  id     Int     @id
  hidden Boolean @default(false)
  posts  Post[]
  @@allow('all', !hidden)
}
`;

describe.each(await testDialects())('links to hidden rows on %s', (dialect) => {
  let db: any;
  const user = () => enhance(db, { user: { id: 1 } });
  const tagsOf = async (id: number) =>
    (
      await db.post.findUnique({ where: { id }, select: { tags: { orderBy: { id: 'asc' } } } })
    ).tags.map((x: { id: number }) => x.id);

  ormTestDb(dialect, text, (opened) => (db = opened));
  beforeEach(async () => {
    await db.post.deleteMany({});
    await db.tag.deleteMany({});
    await db.tag.createMany({
      data: [{ id: 1 }, { id: 2 }, { id: 3, hidden: true }],
    });
    await db.post.create({ data: { id: 1, tags: { connect: [{ id: 1 }, { id: 3 }] } } });
  });

  it('set replaces only the links the caller can see', async () => {
    await user().post.update({ where: { id: 1 }, data: { tags: { set: [{ id: 2 }] } } });
    expect(await tagsOf(1)).toEqual([2, 3]);
    await user().post.update({ where: { id: 1 }, data: { tags: { set: [] } } });
    expect(await tagsOf(1)).toEqual([3]);
    // The plain client replaces the whole list.
    await db.post.update({ where: { id: 1 }, data: { tags: { set: [{ id: 1 }] } } });
    expect(await tagsOf(1)).toEqual([1]);
  });

  it('cannot link or unlink a hidden row', async () => {
    await expect(
      user().post.update({ where: { id: 1 }, data: { tags: { connect: { id: 3 } } } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', model: 'Tag', path: 'data.tags.connect' });
    await expect(
      user().post.create({ data: { id: 2, tags: { connect: { id: 3 } } } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await user().post.update({ where: { id: 1 }, data: { tags: { disconnect: { id: 3 } } } });
    expect(await tagsOf(1)).toEqual([1, 3]);
    expect(await db.post.count()).toBe(1);
  });
});
