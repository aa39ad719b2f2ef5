import type { Span } from './source-file.js';
import type { DiagnosticCode } from './codes.js';

/** A problem found in a schema, with its position (1-based lines and columns). */
export type Diagnostic = {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
};

/** Collects diagnostics while a schema is parsed and checked; never throws. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  error(code: DiagnosticCode, message: string, span: Span): void {
    this.add('error', code, message, span);
  }

  warning(code: DiagnosticCode, message: string, span: Span): void {
    this.add('warning', code, message, span);
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }

  private add(severity: Diagnostic['severity'], code: DiagnosticCode, message: string, span: Span) {
    const start = span.file.position(span.start);
    const end = span.file.position(Math.max(span.start, span.end));
    this.list.push({
      code,
      severity,
      message,
      file: span.file.path,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
    });
  }
}

/** Diagnostics sorted by file, then position, for stable output. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}
