import { testDialects } from '@warden/test-kit';
import { describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// createManyAndReturn writes every permitted row and returns those the caller may read, as
// updateManyAndReturn does: a created row the read rule hides is left out of the result, not
// a reason to fail a call whose rows are all saved.
const text = `
model Note {
  id      Int     @id
  body    String
  private Boolean @default(false)
  @@allow('create', true)
  @@allow('read', !private)
}
`;

describe.each(await testDialects())(
  'createManyAndReturn returns the readable rows on %s',
  (dialect) => {
    let db: any;
    ormTestDb(dialect, text, (opened) => (db = opened));

    it('leaves out the row the caller cannot read, and saves both', async () => {
      await db.note.deleteMany({});
      const client = enhance(db, { user: { id: 1 } });
      const rows = await client.note.createManyAndReturn({
        data: [
          { id: 1, body: 'open' },
          { id: 2, body: 'secret', private: true },
        ],
      });
      expect(rows).toEqual([{ id: 1, body: 'open', private: false }]);
      expect(await db.note.findMany({ orderBy: { id: 'asc' }, select: { id: true } })).toEqual([
        { id: 1 },
        { id: 2 },
      ]);
    });

    it('returns an empty list when no created row is readable', async () => {
      await db.note.deleteMany({});
      const rows = await enhance(db).note.createManyAndReturn({
        data: [{ id: 3, body: 's', private: true }],
        select: { id: true },
      });
      expect(rows).toEqual([]);
      expect(await db.note.count()).toBe(1);
    });
  },
);
