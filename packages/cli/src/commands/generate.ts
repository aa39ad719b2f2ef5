import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, EXIT_OK, usageError } from '../cli-error.js';
import { schemaOption, stringOption, type CommandSpec } from '../command.js';
import { describeFsError, displayPath, resolveSchemaPath } from '../files.js';
import { renderHooksModule } from '../generate/hooks-module.js';
import { renderSchemaModule } from '../generate/schema-module.js';
import { requireSchema } from '../load-schema.js';

/**
 * Whether `pkg` is installed where code in `dir` would import it from: a `node_modules/<pkg>`
 * in `dir` or a folder above it, as Node and TypeScript look.
 */
export function installedAt(dir: string, pkg: string): boolean {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules', pkg, 'package.json'))) return true;
    if (dirname(at) === at) return false;
  }
}

/** hooks.ts imports `@warden/client/react`, which imports TanStack Query: both must be there. */
const HOOKS_NEED = ['@warden/client', '@tanstack/react-query'] as const;

export const generateCommand: CommandSpec = {
  name: 'generate',
  summary: 'write schema.ts (the typed SchemaDef) and hooks.ts (TanStack Query hooks)',
  details:
    'Writes <out>/schema.ts exporting `schema` (an `as const` SchemaDef literal) and its type\n' +
    '`Schema`, and <out>/hooks.ts exporting `useFindManyPost`, `useCheckPost`, ... for every\n' +
    'model (from @warden/client/react). hooks.ts is written only when @warden/client and\n' +
    '@tanstack/react-query are installed (in a node_modules folder at or above <out>), so a\n' +
    'server-only app type-checks; --hooks writes it anyway, --no-hooks never. The default\n' +
    'output directory is `generated` next to the schema file. The output is deterministic:\n' +
    'the same schema always gives the same files.',
  options: {
    schema: schemaOption,
    out: {
      type: 'string',
      value: 'dir',
      description: 'output directory (default: generated/ next to the schema)',
    },
    hooks: {
      type: 'boolean',
      description: 'write hooks.ts even when @warden/client or TanStack Query is not installed',
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
    const missing = HOOKS_NEED.filter((pkg) => !installedAt(outDir, pkg));
    const hooks = options['no-hooks'] ? false : options.hooks === true || missing.length === 0;
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
        `skipped hooks.ts: it needs ${missing.join(' and ')}, not installed here (install, or pass --hooks)`,
      );
    }
    return EXIT_OK;
  },
};
