import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError, EXIT_OK } from '../cli-error.js';
import { stringOption, type CommandSpec } from '../command.js';
import { language } from '../deps.js';
import { printDiagnostics, problemSummary } from '../diagnostics.js';
import { describeFsError, displayPath, readText, resolveSchemaPath } from '../files.js';
import { STARTER_SCHEMA } from './starter-schema.js';

const PRISMA_SCHEMAS = ['prisma/schema.prisma', 'schema.prisma'];

export const initCommand: CommandSpec = {
  name: 'init',
  summary: 'create schema.zmodel, importing prisma/schema.prisma when there is one',
  details:
    'Looks for prisma/schema.prisma, then schema.prisma, in the current directory and converts\n' +
    'it to ZModel. Without one it writes a starter schema (SQLite, a User and a Post with access\n' +
    'rules). An existing schema.zmodel is never overwritten unless --force is given.',
  options: {
    schema: {
      type: 'string',
      value: 'path',
      description:
        'where to write the schema (default: package.json "warden.schema", else ./schema.zmodel)',
    },
    force: { type: 'boolean', description: 'overwrite an existing schema file' },
  },
  async run(options, context) {
    const { io, out } = context;
    const target = resolveSchemaPath(io, stringOption(options, 'schema'));
    const shown = displayPath(io, target);
    if (existsSync(target) && options.force !== true) {
      throw new CliError(`${shown} already exists; use --force to overwrite it`);
    }
    const prismaPath = PRISMA_SCHEMAS.map((p) => join(io.cwd, p)).find((p) => existsSync(p));
    let text = STARTER_SCHEMA;
    if (prismaPath !== undefined) {
      const prismaText = readText(io, prismaPath, 'Prisma schema');
      const api = await language(['importPrismaSchema', 'formatDiagnostic']);
      const result = api.importPrismaSchema(prismaText, prismaPath);
      const sources = new Map([[prismaPath, prismaText]]);
      if (!result.ok) {
        printDiagnostics(api, context, context.err, result.diagnostics, sources);
        throw new CliError(
          `cannot import ${displayPath(io, prismaPath)}: ${problemSummary(result.diagnostics)}`,
        );
      }
      printDiagnostics(api, context, context.err, result.warnings, sources);
      text = result.text;
    }
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    } catch (error) {
      throw new CliError(describeFsError(io, error, target, 'schema file'));
    }
    out.line(
      prismaPath === undefined
        ? `wrote ${shown} (starter schema)`
        : `wrote ${shown} (imported from ${displayPath(io, prismaPath)})`,
    );
    out.line(`next: edit it, then run 'warden check' and 'warden generate'`);
    return EXIT_OK;
  },
};
