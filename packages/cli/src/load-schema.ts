import type { SchemaDef } from '@warden/schema';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command.js';
import { language, type Diagnostic, type LanguageApi } from './deps.js';
import { printDiagnostics, problemSummary } from './diagnostics.js';
import { displayPath, readText } from './files.js';

export interface LoadedSchema {
  readonly api: LanguageApi;
  readonly path: string;
  readonly text: string;
  readonly schema: SchemaDef;
  readonly warnings: readonly Diagnostic[];
}

export type LoadOutcome =
  | ({ readonly ok: true } & LoadedSchema)
  | {
      readonly ok: false;
      readonly api: LanguageApi;
      readonly path: string;
      readonly text: string;
      readonly diagnostics: readonly Diagnostic[];
    };

/** Reads and loads a schema file; a missing file is a `CliError`, schema errors are returned. */
export async function loadSchemaFile(context: CommandContext, path: string): Promise<LoadOutcome> {
  const text = readText(context.io, path, 'schema file');
  const api = await language();
  const result = await api.loadSchema({ text, path });
  if (!result.ok) return { ok: false, api, path, text, diagnostics: result.diagnostics };
  return { ok: true, api, path, text, schema: result.schema, warnings: result.warnings };
}

/**
 * For commands that need a valid schema: prints warnings to stderr, and on errors prints them
 * and fails with exit code 1.
 */
export async function requireSchema(context: CommandContext, path: string): Promise<LoadedSchema> {
  const outcome = await loadSchemaFile(context, path);
  const sources = new Map([[outcome.path, outcome.text]]);
  if (!outcome.ok) {
    printDiagnostics(outcome.api, context, context.err, outcome.diagnostics, sources);
    throw new CliError(
      `${displayPath(context.io, path)} has ${problemSummary(outcome.diagnostics)}`,
    );
  }
  printDiagnostics(outcome.api, context, context.err, outcome.warnings, sources);
  return outcome;
}
