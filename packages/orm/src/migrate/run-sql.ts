import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { WardenError, isWardenError } from '@warden/schema';

/** Runs statements one by one; a failure names the statement that failed. */
export async function runStatements(
  db: Kysely<any>,
  statements: readonly string[],
  applied: string[],
): Promise<void> {
  for (const statement of statements) {
    try {
      await sql`${sql.raw(statement)}`.execute(db);
    } catch (e) {
      if (isWardenError(e)) throw e;
      throw new WardenError(
        'DB_ERROR',
        `Schema change failed (${retypeContext(statement)}${(e as Error).message}) at:\n${statement}`,
        { cause: e },
      );
    }
    applied.push(statement);
  }
}

const alterType = /^ALTER TABLE ("(?:[^"]|"")+") ALTER COLUMN ("(?:[^"]|"")+") TYPE (.+?) USING /s;

/** Names the column whose values failed to convert (the database's message names only the value). */
function retypeContext(statement: string): string {
  const m = alterType.exec(statement);
  if (!m) return '';
  const name = (quoted: string) => quoted.slice(1, -1).replaceAll('""', '"');
  return `column ${name(m[1]!)}.${name(m[2]!)}: existing values do not all convert to ${m[3]}: `;
}

/**
 * PostgreSQL cannot use an enum value added in the same transaction, so `ADD VALUE` statements
 * at the head of a plan run first, each on its own (they are re-runnable: `IF NOT EXISTS`).
 */
export function splitEnumAdditions(statements: readonly string[]): [string[], string[]] {
  let i = 0;
  while (i < statements.length && /^ALTER TYPE .* ADD VALUE IF NOT EXISTS /s.test(statements[i]!))
    i++;
  return [statements.slice(0, i), statements.slice(i)];
}
