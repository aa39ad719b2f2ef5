import { CliError, EXIT_OK } from '../cli-error.js';
import { schemaOption, stringOption, type CommandSpec } from '../command.js';
import { resolveDatabaseTarget } from '../datasource.js';
import { orm } from '../deps.js';
import { resolveSchemaPath } from '../files.js';
import { requireSchema } from '../load-schema.js';

export const urlOption = {
  type: 'string',
  value: 'url',
  description: 'database url (default: the datasource url of the schema; env("X") is read)',
} as const;

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
    const schemaPath = resolveSchemaPath(context.io, stringOption(options, 'schema'));
    const loaded = await requireSchema(context, schemaPath);
    const target = resolveDatabaseTarget(context.io, {
      schema: loaded.schema,
      schemaPath,
      schemaText: loaded.text,
      urlFlag: stringOption(options, 'url'),
    });
    const { createClient } = await orm();
    const client = createClient(loaded.schema, { url: target.url });
    try {
      const result = await client.$pushSchema({
        acceptDataLoss: options['accept-data-loss'] === true,
      });
      context.out.line(describePush(result, target.url));
    } catch (error) {
      throw new CliError(`db push failed: ${(error as Error).message}`);
    } finally {
      await client.$disconnect();
    }
    return EXIT_OK;
  },
};

function describePush(result: unknown, url: string): string {
  const statements = (result as { statements?: unknown } | undefined)?.statements;
  const where = redactPassword(url);
  if (Array.isArray(statements)) {
    return statements.length === 0
      ? `${where} is already in sync with the schema`
      : `${where}: applied ${statements.length} statement${statements.length === 1 ? '' : 's'}`;
  }
  return `${where} is in sync with the schema`;
}

export function redactPassword(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]+:)[^@]*@/i, '$1***@');
}
