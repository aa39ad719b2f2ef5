import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, EXIT_OK } from '../cli-error.js';
import { schemaOption, stringOption, type CommandSpec } from '../command.js';
import { describeFsError, displayPath, resolveSchemaPath } from '../files.js';
import { renderHooksModule } from '../generate/hooks-module.js';
import { renderSchemaModule } from '../generate/schema-module.js';
import { requireSchema } from '../load-schema.js';

export const generateCommand: CommandSpec = {
  name: 'generate',
  summary: 'write schema.ts (the typed SchemaDef) and hooks.ts (TanStack Query hooks)',
  details:
    'Writes <out>/schema.ts exporting `schema` (an `as const` SchemaDef literal) and its type\n' +
    '`Schema`, and <out>/hooks.ts exporting `useFindManyPost`, `useCheckPost`, ... for every\n' +
    'model (from @warden/client/react). The default output directory is `generated` next to the\n' +
    'schema file. The output is deterministic: the same schema always gives the same files.',
  options: {
    schema: schemaOption,
    out: {
      type: 'string',
      value: 'dir',
      description: 'output directory (default: generated/ next to the schema)',
    },
  },
  async run(options, context) {
    const path = resolveSchemaPath(context.io, stringOption(options, 'schema'));
    const outFlag = stringOption(options, 'out');
    const outDir = outFlag ? resolve(context.io.cwd, outFlag) : join(dirname(path), 'generated');
    const loaded = await requireSchema(context, path);
    const files: [string, string][] = [
      ['schema.ts', renderSchemaModule(loaded.schema, basename(path))],
      ['hooks.ts', renderHooksModule(loaded.schema, basename(path))],
    ];
    for (const [name, text] of files) {
      const target = join(outDir, name);
      try {
        mkdirSync(outDir, { recursive: true });
        writeFileSync(target, text);
      } catch (error) {
        throw new CliError(describeFsError(context.io, error, target, 'output file'));
      }
      context.out.line(`wrote ${displayPath(context.io, target)}`);
    }
    return EXIT_OK;
  },
};
