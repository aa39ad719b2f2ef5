import { sql } from 'kysely';
import { WardenError } from '@warden/schema';
import type { MigrateDialect } from '../dialect.js';
import { sqliteConversion } from './sqlite-conversion.js';
import { canonicalDefault } from '../default-text.js';
import { MIGRATIONS_TABLE } from '../db-state.js';
import { introspectSqlite } from './sqlite-introspect.js';
import { planSqlite } from './sqlite-ddl.js';
import { sqliteSpelling } from './sqlite-spelling.js';

/** The SQLite hooks of push and migrations. */
export const sqliteMigrateDialect: MigrateDialect = {
  ...sqliteSpelling,
  name: 'sqlite',
  introspect: introspectSqlite,
  normalizeType: (t) => t.trim().replace(/\s+/g, ' ').toUpperCase(),
  // Only DateTime columns hold ISO text we might spell differently; SQLite keeps TEXT as written.
  normalizeDefault: (d) => canonicalDefault(d, false),
  columnConversion: sqliteConversion,
  planStatements: planSqlite,
  migrationsTableDdl:
    `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" ` +
    '("name" TEXT NOT NULL PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" TEXT NOT NULL)',
  async runStructural(db, work) {
    const before = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
    const fkWasOn = before.rows[0]?.foreign_keys === 1;
    // Rebuilds drop and rename tables; with enforcement on, dropping would cascade into children.
    await sql`PRAGMA foreign_keys = OFF`.execute(db);
    try {
      await db.transaction().execute(async (trx) => {
        await work(trx);
        const bad = await sql<{ table: string; parent: string }>`PRAGMA foreign_key_check`.execute(
          trx,
        );
        if (bad.rows.length > 0) {
          const where = [...new Set(bad.rows.map((r) => `${r.table} -> ${r.parent}`))].join(', ');
          throw new WardenError(
            'FOREIGN_KEY',
            `Schema change leaves ${bad.rows.length} row(s) with dangling foreign keys (${where}); nothing was changed`,
          );
        }
      });
    } finally {
      if (fkWasOn) await sql`PRAGMA foreign_keys = ON`.execute(db);
    }
  },
};
