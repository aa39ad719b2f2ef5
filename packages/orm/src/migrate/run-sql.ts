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
        `Schema change failed (${(e as Error).message}) at:\n${statement}`,
        {
          cause: e,
        },
      );
    }
    applied.push(statement);
  }
}
