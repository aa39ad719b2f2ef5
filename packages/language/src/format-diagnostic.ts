import type { Diagnostic } from './diagnostic.js';

/**
 * One diagnostic as text: `file:line:col error CODE message`, then (when `source` is given)
 * the line and a caret under the range.
 *
 * @example
 * ```ts
 * formatDiagnostic(d, { source: text });
 * // schema.zmodel:3:14 error unknown-type Type 'Strin' of field 'name' in model 'User' is not ...
 * //   name Strin
 * //        ^^^^^
 * ```
 */
export function formatDiagnostic(
  d: Diagnostic,
  options: { color?: boolean; source?: string } = {},
): string {
  const paint = (code: string, s: string) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const severity = d.severity === 'error' ? paint('31;1', 'error') : paint('33;1', 'warning');
  const head = `${d.file}:${d.line}:${d.column} ${severity} ${paint('2', d.code)} ${d.message}`;
  if (options.source === undefined) return head;
  const line = options.source.split(/\r?\n/)[d.line - 1];
  if (line === undefined) return head;
  const shown = line.replace(/\t/g, ' ');
  const width =
    d.endLine === d.line
      ? Math.max(1, d.endColumn - d.column)
      : Math.max(1, shown.length - d.column + 1);
  const caret = ' '.repeat(Math.max(0, d.column - 1)) + '^'.repeat(width);
  const gutter = String(d.line);
  return `${head}\n ${gutter} | ${shown}\n ${' '.repeat(gutter.length)} | ${paint(d.severity === 'error' ? '31' : '33', caret)}`;
}
