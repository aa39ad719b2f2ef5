import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDatabase } from '@warden/test-kit';
import { pushSchema } from '../../src/migrate/index.js';
import { count, openKysely, rows } from './fixtures.js';
import { kitchenSink } from './kitchen-sink.js';

describe.each(await testDialects())('pushSchema shapes on %s', (dialect) => {
  let t: TestDatabase;
  let db: Kysely<any>;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    db = await openKysely(t);
  });
  afterAll(async () => {
    await db.destroy();
    await t.drop();
  });

  it('creates every table of the kitchen-sink schema and is idempotent', async () => {
    const first = await pushSchema(db, dialect, kitchenSink());
    expect(first.warnings).toEqual([]);
    for (const table of ['accounts', 'Profile', 'Group', 'memberships', '_AccountToGroup']) {
      expect(first.applied.some((s) => s.startsWith(`CREATE TABLE "${table}"`))).toBe(true);
    }
    expect(await pushSchema(db, dialect, kitchenSink())).toEqual({ applied: [], warnings: [] });
  });

  it('fills database defaults in the ORM storage format', async () => {
    await rows(
      db,
      `INSERT INTO "accounts" ("id", "email_address", "updatedAt") VALUES ('a1', 'a@x.io', '2024-05-05T00:00:00.000Z')`,
    );
    const [a] = await rows<Record<string, unknown>>(db, `SELECT * FROM "accounts"`);
    expect(a!.nick).toBe("it's");
    expect(Number(a!.age)).toBe(-1);
    const [big] = await rows<{ b: string }>(db, `SELECT CAST("big" AS TEXT) AS b FROM "accounts"`);
    expect(big!.b).toBe('9007199254740993');
    expect(Number(a!.score)).toBe(1.5);
    expect(Number(a!.balance)).toBe(10.25);
    expect(a!.seq).toBe(2);
    if (dialect === 'sqlite') {
      expect(a!.active).toBe(1);
      expect(a!.born).toBe('2024-01-02T03:04:05.678Z');
      expect(a!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(JSON.parse(a!.meta as string)).toEqual({ a: true, b: [1, 2] });
      expect(a!.role).toBe('USER');
      expect(JSON.parse(a!.tags as string)).toEqual(['a b', 'c']);
      expect(a!.lucky).toBe('[]');
    } else {
      expect(a!.active).toBe(true);
      expect((a!.born as Date).toISOString()).toBe('2024-01-02T03:04:05.678Z');
      expect(a!.createdAt).toBeInstanceOf(Date);
      expect(a!.meta).toEqual({ a: true, b: [1, 2] });
      expect(a!.role).toBe('USER');
      expect(a!.tags).toEqual(['a b', 'c']);
      expect(a!.lucky).toEqual([]);
    }
  });

  it('keeps enum values to the mapped labels', async () => {
    await rows(db, `UPDATE "accounts" SET "role" = 'owner'`);
    await expect(rows(db, `UPDATE "accounts" SET "role" = 'Owner'`)).rejects.toThrow();
    await expect(rows(db, `UPDATE "accounts" SET "role" = 'NOPE'`)).rejects.toThrow();
  });

  it('enforces composite ids, composite uniques and the 1-1 unique', async () => {
    await rows(db, `INSERT INTO "Group" ("name") VALUES ('g')`);
    const [g] = await rows<{ id: number }>(db, `SELECT "id" FROM "Group"`);
    await rows(
      db,
      `INSERT INTO "memberships" ("account_id", "group_id", "slot") VALUES ('a1', ${g!.id}, 1)`,
    );
    await expect(
      rows(
        db,
        `INSERT INTO "memberships" ("account_id", "group_id", "slot") VALUES ('a1', ${g!.id}, 2)`,
      ),
    ).rejects.toThrow();
    await rows(
      db,
      `INSERT INTO "accounts" ("id", "email_address", "updatedAt") VALUES ('a2', 'b@x.io', '2024-05-05T00:00:00.000Z')`,
    );
    await expect(
      rows(
        db,
        `INSERT INTO "memberships" ("account_id", "group_id", "slot") VALUES ('a2', ${g!.id}, 1)`,
      ),
    ).rejects.toThrow();
    await rows(db, `INSERT INTO "Profile" ("accountId") VALUES ('a1')`);
    await expect(rows(db, `INSERT INTO "Profile" ("accountId") VALUES ('a1')`)).rejects.toThrow();
  });

  it('links many-to-many rows through A and B and cascades', async () => {
    const [g] = await rows<{ id: number }>(db, `SELECT "id" FROM "Group"`);
    await rows(
      db,
      `INSERT INTO "_AccountToGroup" ("A", "B") VALUES ('a1', ${g!.id}), ('a2', ${g!.id})`,
    );
    await expect(
      rows(db, `INSERT INTO "_AccountToGroup" ("A", "B") VALUES ('a1', ${g!.id})`),
    ).rejects.toThrow();
    await expect(
      rows(db, `INSERT INTO "_AccountToGroup" ("A", "B") VALUES ('zz', ${g!.id})`),
    ).rejects.toThrow();
    await rows(db, `DELETE FROM "accounts" WHERE "id" = 'a2'`);
    expect(await count(db, '_AccountToGroup')).toBe(1);
  });

  it('sets the self-relation to NULL when the manager goes, restricts a required FK', async () => {
    await rows(
      db,
      `INSERT INTO "accounts" ("id", "email_address", "updatedAt", "managerId") VALUES ('a3', 'c@x.io', '2024-05-05T00:00:00.000Z', 'a1')`,
    );
    // Membership.group is required without onDelete: Restrict.
    await expect(rows(db, `DELETE FROM "Group"`)).rejects.toThrow();
    await rows(db, `DELETE FROM "accounts" WHERE "id" = 'a1'`);
    const [a3] = await rows<{ managerId: string | null }>(
      db,
      `SELECT "managerId" FROM "accounts" WHERE "id" = 'a3'`,
    );
    expect(a3!.managerId).toBeNull();
    expect(await count(db, 'Profile')).toBe(0);
    expect(await count(db, 'memberships')).toBe(0);
  });

  it('creates the named and foreign-key indexes', async () => {
    const names =
      dialect === 'sqlite'
        ? (
            await rows<{ name: string }>(db, `SELECT name FROM sqlite_master WHERE type = 'index'`)
          ).map((r) => r.name)
        : (
            await rows<{ name: string }>(
              db,
              `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()`,
            )
          ).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'accounts_email_address_key',
        'accounts_age_score_idx',
        'accounts_managerId_idx',
        'Profile_accountId_key',
        'membership_slot_unique',
        '_AccountToGroup_AB_unique',
        '_AccountToGroup_B_index',
      ]),
    );
    // account_id leads the primary key and group_id the slot unique: no extra index for them.
    expect(names).not.toContain('memberships_account_id_idx');
    expect(names).not.toContain('memberships_group_id_idx');
  });
});
