import { readFileSync } from 'node:fs';
import type { CommandContext } from './command.js';
import type { Diagnostic, LanguageApi } from './deps.js';
import { displayPath } from './files.js';
import type { Printer } from './io.js';

/**
 * Prints diagnostics with `file:line:col` relative to the current directory and a caret excerpt
 * of the line at fault. `sources` holds texts already read; other files are read on demand.
 */
export function printDiagnostics(
  api: LanguageApi,
  context: CommandContext,
  to: Printer,
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
): void {
  const cache = new Map(sources);
  for (const d of diagnostics) {
    const source = cache.get(d.file) ?? readQuietly(d.file);
    if (source !== undefined) cache.set(d.file, source);
    const shown = { ...d, file: displayPath(context.io, d.file) };
    to.line(api.formatDiagnostic(shown, { color: to.color, source }));
    to.line();
  }
}

// An excerpt is a nicety: a file that vanished since loading just prints without one.
function readQuietly(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function countLabel(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "2 errors and 1 warning", "1 warning", "no problems". */
export function problemSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const parts: string[] = [];
  if (errors > 0) parts.push(countLabel(errors, 'error'));
  if (warnings > 0) parts.push(countLabel(warnings, 'warning'));
  return parts.length > 0 ? parts.join(' and ') : 'no problems';
}
