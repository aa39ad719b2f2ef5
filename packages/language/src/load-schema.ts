import type { SchemaDef } from '@warden/schema';
import { buildSchema } from './build-schema.js';
import { Diagnostics, sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { loadDocuments, type LoadInput } from './load-documents.js';

export type LoadResult =
  | { ok: true; schema: SchemaDef; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Reads, parses and checks a ZModel schema (and the files it imports) into a `SchemaDef`.
 * Never throws on user input: every problem is a diagnostic.
 *
 * @example
 * ```ts
 * const result = await loadSchema({ path: 'schema.zmodel' });
 * if (!result.ok) for (const d of result.diagnostics) console.error(formatDiagnostic(d));
 * else result.schema.models.Post?.policies;
 * ```
 */
export async function loadSchema(input: LoadInput): Promise<LoadResult> {
  const diagnostics = new Diagnostics();
  try {
    const documents = await loadDocuments(input, diagnostics);
    if (documents.length === 0) return { ok: false, diagnostics: dedupe(diagnostics.list) };
    const schema = buildSchema(documents, diagnostics);
    const list = dedupe(diagnostics.list);
    if (list.some((d) => d.severity === 'error')) return { ok: false, diagnostics: list };
    return { ok: true, schema, warnings: list };
  } catch (e) {
    const path = input.path ?? '<input>';
    const list = dedupe(diagnostics.list);
    list.push(internalError(path, e));
    return { ok: false, diagnostics: list };
  }
}

export function internalError(path: string, e: unknown): Diagnostic {
  return {
    code: 'internal-error',
    severity: 'error',
    message: `Internal error while reading the schema: ${e instanceof Error ? e.message : String(e)}`,
    file: path,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  };
}

/** Sorted, and each diagnostic once (a base model's problem shows up in each of its children). */
export function dedupe(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of sortDiagnostics(list)) {
    const key = `${d.file}\0${d.line}\0${d.column}\0${d.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
