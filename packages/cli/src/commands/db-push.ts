import { EXIT_OK } from '../cli-error.js';
import { schemaOption, type CommandSpec, type OptionSpec } from '../command.js';
import { describeTarget, withDatabase } from '../database.js';
import { countLabel } from '../diagnostics.js';

export const urlOption: OptionSpec = {
  type: 'string',
  value: 'url',
  description: 'database url (default: the schema\'s datasource url; env("X") is read)',
};

export const dbPushCommand: CommandSpec = {
  name: 'db push',
  summary: 'make the database match the schema, without migration files',
  details:
    'Creates and alters tables, columns, indexes and foreign keys. Changes that would lose data\n' +
    '(dropping a table or a column, ...) are refused unless --accept-data-loss is given.\n' +
    'A relative SQLite url such as "file:./dev.db" is relative to the schema file.',
  options: {
    schema: schemaOption,
    url: urlOption,
    'accept-data-loss': { type: 'boolean', description: 'allow changes that drop data' },
  },
  async run(options, context) {
    const acceptDataLoss = options['accept-data-loss'] === true;
    return withDatabase(context, options, [], async ({ client, target }) => {
      const where = describeTarget(context.io, target);
      let result;
      try {
        result = await client.$pushSchema({ acceptDataLoss });
      } catch (error) {
        // The ORM speaks in API options; say it in flags.
        const raw = (error as Error).message;
        const message = raw.replace(
          /Pass acceptDataLoss: true to apply it anyway/,
          'Run again with --accept-data-loss to apply it anyway',
        );
        const hint =
          message === raw && /acceptDataLoss/.test(raw)
            ? '\n(use --accept-data-loss to apply it)'
            : '';
        throw new Error(`db push to ${where} failed: ${message}${hint}`, { cause: error });
      }
      const { out } = context;
      for (const warning of result.warnings)
        out.line(`${out.paint('yellow', 'data lost:')} ${warning}`);
      out.line(
        result.applied.length === 0
          ? `${where} is already in sync with the schema`
          : `${where} is now in sync with the schema (${countLabel(result.applied.length, 'statement')} applied)`,
      );
      return EXIT_OK;
    });
  },
};
