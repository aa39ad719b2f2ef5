import type { MigrateDialect } from '../dialect.js';
import { postgresConversion } from './postgres-conversion.js';
import { canonicalDefault } from '../default-text.js';
import { MIGRATIONS_TABLE } from '../db-state.js';
import { introspectPostgres } from './postgres-introspect.js';
import { planPostgres } from './postgres-ddl.js';
import { postgresSpelling } from './postgres-spelling.js';

const aliases: [RegExp, string][] = [
  [/\bvarchar\b/g, 'character varying'],
  [/\btimestamptz\b/g, 'timestamp with time zone'],
  [/\bint4\b|\bint\b/g, 'integer'],
  [/\bint8\b/g, 'bigint'],
  [/\bint2\b/g, 'smallint'],
  [/\bfloat8\b/g, 'double precision'],
  [/\bfloat4\b/g, 'real'],
  [/\bbool\b/g, 'boolean'],
  [/\bdecimal\b/g, 'numeric'],
];

/** The PostgreSQL hooks of push and migrations. */
export const postgresMigrateDialect: MigrateDialect = {
  ...postgresSpelling,
  name: 'postgresql',
  introspect: introspectPostgres,
  normalizeType(type) {
    let t = type
      .replaceAll('"', '')
      .trim()
      .replace(/\s+/g, ' ')
      .toLowerCase()
      .replace(/\s*\(\s*/g, '(')
      .replace(/\s*,\s*/g, ',');
    for (const [re, to] of aliases) t = t.replace(re, to);
    return t;
  },
  normalizeDefault: (d, type) => canonicalDefault(d, /timestamp|date/i.test(type)),
  columnConversion: postgresConversion,
  planStatements: planPostgres,
  migrationsTableDdl:
    `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" ` +
    '("name" text PRIMARY KEY, "checksum" text NOT NULL, "applied_at" timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP)',
  async runStructural(db, work) {
    await db.transaction().execute(work);
  },
};
