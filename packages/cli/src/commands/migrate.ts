import { dirname, join, resolve } from 'node:path';
import { EXIT_OK, EXIT_PROBLEMS, usageError } from '../cli-error.js';
import {
  schemaOption,
  stringOption,
  type CommandContext,
  type CommandSpec,
  type OptionSpec,
  type OptionValues,
} from '../command.js';
import { withDatabase, type DatabaseSession } from '../database.js';
import { countLabel } from '../diagnostics.js';
import { displayPath, resolveSchemaPath } from '../files.js';
import { urlOption } from './db-push.js';

const dirOption: OptionSpec = {
  type: 'string',
  value: 'dir',
  description: 'migrations directory (default: migrations/ next to the schema)',
};

function migrationsDir(context: CommandContext, options: OptionValues): string {
  const flag = stringOption(options, 'dir');
  if (flag) return resolve(context.io.cwd, flag);
  return join(
    dirname(resolveSchemaPath(context.io, stringOption(options, 'schema'))),
    'migrations',
  );
}

function dialectOf(session: DatabaseSession) {
  return session.target.provider;
}

export const migrateDevCommand: CommandSpec = {
  name: 'migrate dev',
  usage: 'migrate dev --name <name> [options]',
  summary: 'write a migration for the schema changes and apply it',
  details:
    'Compares the schema with the snapshot of the latest migration in --dir, writes\n' +
    '<dir>/<timestamp>_<name>/migration.sql (nothing when there is no change), then applies\n' +
    'every pending migration to the database.',
  options: {
    schema: schemaOption,
    url: urlOption,
    dir: dirOption,
    name: { type: 'string', value: 'name', description: 'name of the new migration (required)' },
  },
  async run(options, context) {
    const name = stringOption(options, 'name');
    if (name === undefined || name.trim() === '') {
      throw usageError('missing --name for the new migration', 'migrate dev');
    }
    const dir = migrationsDir(context, options);
    return withDatabase(context, options, ['migrateDev', 'migrateStatus'], async (session) => {
      const file = await session.orm.migrateDev(
        session.client.$qb,
        dialectOf(session),
        session.loaded.schema,
        { dir, name },
      );
      context.out.line(
        file === null
          ? 'no schema changes since the last migration; nothing written'
          : `wrote ${displayPath(context.io, file)}`,
      );
      const status = await session.orm.migrateStatus(session.client.$qb, dialectOf(session), {
        dir,
      });
      context.out.line(
        `database is up to date (${countLabel(status.applied.length, 'migration')} applied)`,
      );
      return EXIT_OK;
    });
  },
};

export const migrateDeployCommand: CommandSpec = {
  name: 'migrate deploy',
  summary: 'apply the pending migrations (for production)',
  options: { schema: schemaOption, url: urlOption, dir: dirOption },
  async run(options, context) {
    const dir = migrationsDir(context, options);
    return withDatabase(context, options, ['migrateDeploy'], async (session) => {
      const { applied } = await session.orm.migrateDeploy(session.client.$qb, dialectOf(session), {
        dir,
      });
      for (const name of applied) context.out.line(`applied ${name}`);
      context.out.line(
        applied.length === 0
          ? 'no pending migrations'
          : `${countLabel(applied.length, 'migration')} applied`,
      );
      return EXIT_OK;
    });
  },
};

export const migrateStatusCommand: CommandSpec = {
  name: 'migrate status',
  summary: 'list applied and pending migrations (exit 1 unless up to date)',
  options: { schema: schemaOption, url: urlOption, dir: dirOption },
  async run(options, context) {
    const dir = migrationsDir(context, options);
    return withDatabase(context, options, ['migrateStatus'], async (session) => {
      const status = await session.orm.migrateStatus(session.client.$qb, dialectOf(session), {
        dir,
      });
      const { out } = context;
      for (const name of status.applied) out.line(`applied   ${name}`);
      for (const name of status.pending) out.line(`${out.paint('yellow', 'pending')}   ${name}`);
      for (const name of status.modified) {
        out.line(`${out.paint('red', 'modified')}  ${name} (changed after it was applied)`);
      }
      for (const name of status.missing) {
        out.line(
          `${out.paint('red', 'missing')}   ${name} (applied, but not in ${displayPath(context.io, dir)})`,
        );
      }
      const problems = [
        [status.pending.length, 'pending migration'],
        [status.modified.length, 'modified migration'],
        [status.missing.length, 'missing migration'],
      ] as const;
      const found = problems.filter(([count]) => count > 0);
      out.line(
        found.length === 0
          ? `database is up to date (${countLabel(status.applied.length, 'migration')} applied)`
          : `database is not up to date: ${found.map(([n, what]) => countLabel(n, what)).join(', ')}`,
      );
      return found.length === 0 ? EXIT_OK : EXIT_PROBLEMS;
    });
  },
};
