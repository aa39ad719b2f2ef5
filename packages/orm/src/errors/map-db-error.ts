import type { ModelDef, SchemaDef } from '@warden/schema';
import { WardenError, isWardenError } from '@warden/schema';
import { isConflictCode } from './conflict.js';

function modelByTable(schema: SchemaDef, table: string | undefined): ModelDef | undefined {
  return table === undefined
    ? undefined
    : Object.values(schema.models).find((m) => m.dbName === table);
}

function fieldNames(model: ModelDef | undefined, columns: string[]): string[] {
  if (!model) return columns;
  return columns.map((c) => Object.values(model.fields).find((f) => f.dbName === c)?.name ?? c);
}

/** Columns named by a driver's unique-violation error, with the table when it says so. */
function uniqueColumns(e: any): { table?: string; columns: string[] } | undefined {
  if (
    typeof e?.code === 'string' &&
    e.code.startsWith('SQLITE_CONSTRAINT_') &&
    /UNIQUE|PRIMARYKEY/.test(e.code)
  ) {
    // "UNIQUE constraint failed: User.email, User.name"
    const list = String(e.message).split(':').slice(1).join(':').trim();
    const parts = list.split(',').map((s) => s.trim().split('.'));
    const table = parts[0]?.length === 2 ? parts[0][0] : undefined;
    return { ...(table ? { table } : {}), columns: parts.map((p) => p[p.length - 1]!) };
  }
  if (e?.code === '23505') {
    // detail: Key (email)=(a@b.c) already exists.   Key ("authorId", title)=(...)
    const m = /Key \((.*?)\)=/.exec(String(e.detail ?? ''));
    const columns = m ? m[1]!.split(',').map((s) => s.trim().replace(/^"|"$/g, '')) : [];
    return { ...(e.table ? { table: e.table } : {}), columns };
  }
  return undefined;
}

/**
 * A driver error as a `WardenError`: unique violations -> `UNIQUE_CONSTRAINT` (with `fields`,
 * the schema names of the columns), foreign-key violations -> `FOREIGN_KEY`, deadlocks,
 * serialization failures and busy locks -> `CONFLICT` (retryable), anything else ->
 * `DB_ERROR`. Same codes and shapes on SQLite and PostgreSQL. WardenErrors pass through.
 */
export function mapDbError(
  e: unknown,
  ctx: { schema: SchemaDef },
  model: ModelDef | undefined,
  operation: string | undefined,
): WardenError {
  if (isWardenError(e)) return e;
  const where = {
    ...(model ? { model: model.name } : {}),
    ...(operation ? { operation } : {}),
    cause: e,
  };
  const unique = uniqueColumns(e);
  if (unique) {
    const m = modelByTable(ctx.schema, unique.table) ?? model;
    const fields = fieldNames(m, unique.columns);
    return new WardenError(
      'UNIQUE_CONSTRAINT',
      `Unique constraint failed on ${m?.name ?? 'table'} (${fields.join(', ')})`,
      { ...where, ...(m ? { model: m.name } : {}), fields },
    );
  }
  const code = (e as any)?.code;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
    const detail = String((e as any)?.detail ?? '');
    const m = /Key \((.*?)\)=/.exec(detail);
    const fields = m
      ? fieldNames(
          modelByTable(ctx.schema, (e as any).table) ?? model,
          m[1]!.split(',').map((s) => s.trim().replace(/^"|"$/g, '')),
        )
      : [];
    return new WardenError(
      'FOREIGN_KEY',
      `Foreign key constraint failed${model ? ` on ${model.name}` : ''}${fields.length ? ` (${fields.join(', ')})` : ''}`,
      { ...where, ...(fields.length ? { fields } : {}) },
    );
  }
  const msg = e instanceof Error ? e.message : String(e);
  const at = model ? ` in ${model.name}${operation ? `.${operation}` : ''}` : '';
  if (code === '57014') {
    // PostgreSQL's statement_timeout (or a cancel): the statement was stopped, not broken.
    return new WardenError('TIMEOUT', `Database timeout${at}: ${msg}`, where);
  }
  if (isConflictCode(code)) {
    return new WardenError(
      'CONFLICT',
      `Database conflict${at}: ${msg}; nothing of it was written, and it may be retried`,
      where,
    );
  }
  return new WardenError('DB_ERROR', `Database error${at}: ${msg}`, where);
}
