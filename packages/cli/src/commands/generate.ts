import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, EXIT_OK, usageError } from '../cli-error.js';
import { schemaOption, stringOption, type CommandSpec } from '../command.js';
import { describeFsError, displayPath, resolveSchemaPath } from '../files.js';
import { renderHooksModule } from '../generate/hooks-module.js';
import { renderSchemaModule } from '../generate/schema-module.js';
import { requireSchema } from '../load-schema.js';

/**
 * Whether `@warden/client` is installed where code in `dir` would import it from: a
 * `node_modules/@warden/client` in `dir` or a folder above it, as Node and TypeScript look.
 */
export function clientInstalled(dir: string): boolean {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules', '@warden', 'client', 'package.json'))) return true;
    if (dirname(at) === at) return false;
  }
}

export const generateCommand: CommandSpec = {
  name: 'generate',
  summary: 'write schema.ts (the typed SchemaDef) and hooks.ts (TanStack Query hooks)',
  details:
    'Writes <out>/schema.ts exporting `schema` (an `as const` SchemaDef literal) and its type\n' +
    '`Schema`, and <out>/hooks.ts exporting `useFindManyPost`, `useCheckPost`, ... for every\n' +
    'model (from @warden/client/react). hooks.ts is written only when @warden/client is\n' +
    'installed (found in a node_modules folder at or above <out>), so a server-only app\n' +
    'type-checks; --hooks writes it anyway, --no-hooks never. The default output directory is\n' +
    '`generated` next to the schema file. The output is deterministic: the same schema always\n' +
    'gives the same files.',
  options: {
    schema: schemaOption,
    out: {
      type: 'string',
      value: 'dir',
      description: 'output directory (default: generated/ next to the schema)',
    },
    hooks: {
      type: 'boolean',
      description: 'write hooks.ts even when @warden/client is not installed',
    },
    'no-hooks': { type: 'boolean', description: 'do not write hooks.ts' },
  },
  async run(options, context) {
    const path = resolveSchemaPath(context.io, stringOption(options, 'schema'));
    const outFlag = stringOption(options, 'out');
    const outDir = outFlag ? resolve(context.io.cwd, outFlag) : join(dirname(path), 'generated');
    if (options.hooks && options['no-hooks'])
      throw usageError('--hooks and --no-hooks cannot be used together', 'generate');
    const loaded = await requireSchema(context, path);
    const hooks = options['no-hooks'] ? false : options.hooks === true || clientInstalled(outDir);
    const files: [string, string][] = [
      ['schema.ts', renderSchemaModule(loaded.schema, basename(path))],
    ];
    if (hooks) files.push(['hooks.ts', renderHooksModule(loaded.schema, basename(path))]);
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
    if (!hooks && !options['no-hooks']) {
      context.out.line(
        'skipped hooks.ts: @warden/client is not installed (install it, or pass --hooks)',
      );
    }
    return EXIT_OK;
  },
};
