import { CliError } from './cli-error.js';
import { stringOption, type CommandContext, type OptionValues } from './command.js';
import { resolveDatabaseTarget, type DatabaseTarget } from './datasource.js';
import { orm, type OrmApi, type OrmClient } from './deps.js';
import { displayPath, resolveSchemaPath } from './files.js';
import type { CliIo } from './io.js';
import { requireSchema, type LoadedSchema } from './load-schema.js';

export interface DatabaseSession {
  readonly loaded: LoadedSchema;
  readonly target: DatabaseTarget;
  readonly orm: OrmApi;
  readonly client: OrmClient;
}

/**
 * Loads the schema (`--schema`), connects to its database (`--url` or the datasource), runs
 * `work`, and always disconnects. Database failures become one-line `CliError`s.
 */
export async function withDatabase<T>(
  context: CommandContext,
  options: OptionValues,
  needed: readonly (keyof OrmApi)[],
  work: (session: DatabaseSession) => Promise<T>,
): Promise<T> {
  const schemaPath = resolveSchemaPath(context.io, stringOption(options, 'schema'));
  const loaded = await requireSchema(context, schemaPath);
  const target = resolveDatabaseTarget(context.io, {
    schema: loaded.schema,
    schemaPath,
    schemaText: loaded.text,
    urlFlag: stringOption(options, 'url'),
  });
  if (target.provider !== loaded.schema.provider) {
    context.err.line(
      `note: connecting to ${target.provider} (from the url); the schema's datasource provider is "${loaded.schema.provider}"`,
    );
  }
  const api = await orm(['createClient', ...needed]);
  let client: OrmClient;
  try {
    client = api.createClient(loaded.schema, { url: target.url });
  } catch (error) {
    throw new CliError(`cannot open ${describeTarget(context.io, target)}: ${messageOf(error)}`);
  }
  try {
    return await work({ loaded, target, orm: api, client });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(messageOf(error));
  } finally {
    await client.$disconnect().catch(() => undefined);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A url fit for printing: the PostgreSQL password replaced by `***`. */
export function redactPassword(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]+:)[^@]*@/i, '$1***@');
}

/** The url as printed: a SQLite file as its path (relative when below the cwd), else redacted. */
export function describeTarget(io: CliIo, target: DatabaseTarget): string {
  return target.provider === 'sqlite'
    ? displayPath(io, target.url.replace(/^file:/, ''))
    : redactPassword(target.url);
}
