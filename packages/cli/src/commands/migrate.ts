import { dirname, join, resolve } from 'node:path';
import { CliError } from '../cli-error.js';
import { schemaOption, stringOption, type CommandSpec, type OptionValues } from '../command.js';
import { resolveSchemaPath } from '../files.js';
import type { CliIo } from '../io.js';
import { urlOption } from './db-push.js';

const dirOption = {
  type: 'string',
  value: 'dir',
  description: 'migrations directory (default: migrations/ next to the schema)',
} as const;

export function migrationsDir(io: CliIo, options: OptionValues, schemaPath: string): string {
  const flag = stringOption(options, 'dir');
  return flag ? resolve(io.cwd, flag) : join(dirname(schemaPath), 'migrations');
}

function notYet(name: string): CommandSpec['run'] {
  return (options, context) => {
    resolveSchemaPath(context.io, stringOption(options, 'schema'));
    return Promise.reject(
      new CliError(`warden ${name} is not available yet: @warden/orm has no migrations API yet`),
    );
  };
}

export const migrateDevCommand: CommandSpec = {
  name: 'migrate dev',
  summary: 'write a migration for the schema changes and apply it',
  options: {
    schema: schemaOption,
    url: urlOption,
    dir: dirOption,
    name: { type: 'string', value: 'name', description: 'name of the new migration' },
  },
  run: notYet('migrate dev'),
};

export const migrateDeployCommand: CommandSpec = {
  name: 'migrate deploy',
  summary: 'apply the pending migrations (for production)',
  options: { schema: schemaOption, url: urlOption, dir: dirOption },
  run: notYet('migrate deploy'),
};

export const migrateStatusCommand: CommandSpec = {
  name: 'migrate status',
  summary: 'list applied and pending migrations',
  options: { schema: schemaOption, url: urlOption, dir: dirOption },
  run: notYet('migrate status'),
};
