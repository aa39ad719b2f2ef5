import { EXIT_OK, EXIT_PROBLEMS } from '../cli-error.js';
import { schemaOption, stringOption, type CommandSpec } from '../command.js';
import { countLabel, printDiagnostics, problemSummary } from '../diagnostics.js';
import { displayPath, resolveSchemaPath } from '../files.js';
import { loadSchemaFile } from '../load-schema.js';

export const checkCommand: CommandSpec = {
  name: 'check',
  summary: 'validate the schema and print its errors and warnings',
  details:
    'Each problem is printed with file:line:col and an excerpt. Exits with 1 when there is at\n' +
    'least one error; warnings alone exit with 0.',
  options: { schema: schemaOption },
  async run(options, context) {
    const path = resolveSchemaPath(context.io, stringOption(options, 'schema'));
    const outcome = await loadSchemaFile(context, path);
    const shown = displayPath(context.io, path);
    const { out } = context;
    const diagnostics = outcome.ok ? outcome.warnings : outcome.diagnostics;
    printDiagnostics(outcome.api, context, out, diagnostics, new Map([[path, outcome.text]]));
    if (!outcome.ok) {
      out.line(out.paint('red', `${shown}: ${problemSummary(diagnostics)}`));
      return EXIT_PROBLEMS;
    }
    const models = Object.keys(outcome.schema.models).length;
    const enums = Object.keys(outcome.schema.enums).length;
    const contents = `${countLabel(models, 'model')}, ${countLabel(enums, 'enum')}`;
    const verdict = diagnostics.length > 0 ? problemSummary(diagnostics) : 'no problems';
    out.line(
      out.paint(diagnostics.length > 0 ? 'yellow' : 'green', `${shown}: ${verdict}`) +
        ` (${contents})`,
    );
    return EXIT_OK;
  },
};
