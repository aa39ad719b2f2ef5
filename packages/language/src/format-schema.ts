import { Diagnostics, type Diagnostic } from './diagnostic.js';
import { dedupe, internalError } from './load-schema.js';
import { parseDocument } from './parser.js';
import { printDocument } from './print-document.js';
import { SourceFile } from './source-file.js';

/**
 * Formats ZModel text in canonical layout (Prisma-style aligned columns, two-space indent),
 * keeping comments. Idempotent. Text with syntax errors is returned as diagnostics.
 *
 * @example
 * ```ts
 * const r = formatSchema('model A {\nid Int @id\n}');
 * if (r.ok) r.text; // 'model A {\n  id Int @id\n}\n'
 * ```
 */
export function formatSchema(
  text: string,
  path = '<input>',
): { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] } {
  try {
    const diagnostics = new Diagnostics();
    const doc = parseDocument(new SourceFile(path, text), diagnostics);
    if (diagnostics.hasErrors) return { ok: false, diagnostics: dedupe(diagnostics.list) };
    return { ok: true, text: printDocument(doc) };
  } catch (e) {
    return { ok: false, diagnostics: [internalError(path, e)] };
  }
}
