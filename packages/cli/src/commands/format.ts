import { writeFileSync } from 'node:fs';
import { CliError, EXIT_OK, EXIT_PROBLEMS } from '../cli-error.js';
import { schemaOption, stringOption, type CommandSpec } from '../command.js';
import { language } from '../deps.js';
import { printDiagnostics, problemSummary } from '../diagnostics.js';
import { describeFsError, displayPath, readText, resolveSchemaPath } from '../files.js';

export const formatCommand: CommandSpec = {
  name: 'format',
  summary: 'rewrite the schema in the canonical layout (comments are kept)',
  details:
    'With --check nothing is written: the command lists the files that would change and exits\n' +
    'with 1 if there is any (for CI).',
  options: {
    schema: schemaOption,
    check: { type: 'boolean', description: 'only report whether the file is formatted' },
  },
  async run(options, context) {
    const path = resolveSchemaPath(context.io, stringOption(options, 'schema'));
    const shown = displayPath(context.io, path);
    const text = readText(context.io, path, 'schema file');
    const api = await language(['formatSchema', 'formatDiagnostic']);
    const result = api.formatSchema(text, path);
    if (!result.ok) {
      printDiagnostics(api, context, context.err, result.diagnostics, new Map([[path, text]]));
      throw new CliError(
        `cannot format ${shown}: it has ${problemSummary(result.diagnostics)} (syntax must be valid)`,
      );
    }
    const { out } = context;
    if (result.text === text) {
      out.line(`${shown}: already formatted`);
      return EXIT_OK;
    }
    if (options.check === true) {
      out.line(`${out.paint('yellow', 'would reformat')} ${shown}`);
      out.line(`1 file needs formatting; run 'warden format' to fix it`);
      return EXIT_PROBLEMS;
    }
    try {
      writeFileSync(path, result.text);
    } catch (error) {
      throw new CliError(describeFsError(context.io, error, path, 'schema file'));
    }
    out.line(`formatted ${shown}`);
    return EXIT_OK;
  },
};
