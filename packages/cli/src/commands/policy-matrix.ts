import { EXIT_OK, usageError } from '../cli-error.js';
import { schemaOption, stringOption, type CommandSpec } from '../command.js';
import type { PolicyOperation } from '@warden/schema';
import { policy } from '../deps.js';
import { resolveSchemaPath } from '../files.js';
import { requireSchema } from '../load-schema.js';

const OPERATIONS = ['create', 'read', 'update', 'delete'] as const;

export const policyMatrixCommand: CommandSpec = {
  name: 'policy matrix',
  summary: 'print which operations a user could perform on each model',
  details:
    'Answers "could this user possibly do X on model Y?" from the rules alone, without a\n' +
    'database. --user is a JSON object standing for auth(); without it the user is anonymous.',
  options: {
    schema: schemaOption,
    user: { type: 'string', value: 'json', description: 'the user, e.g. \'{"role":"Writer"}\'' },
  },
  async run(options, context) {
    const user = parseUser(stringOption(options, 'user'));
    const schemaPath = resolveSchemaPath(context.io, stringOption(options, 'schema'));
    const loaded = await requireSchema(context, schemaPath);
    const { createChecker } = await policy();
    const matrix = createChecker(loaded.schema).checkAll(user);
    for (const line of renderMatrix(matrix, Object.keys(loaded.schema.models))) {
      context.out.line(line);
    }
    return EXIT_OK;
  },
};

function parseUser(json: string | undefined): Record<string, unknown> | undefined {
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw usageError(`--user is not valid JSON: ${(error as Error).message}`, 'policy matrix');
  }
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw usageError(
      '--user must be a JSON object, e.g. \'{"id":"u1","role":"Writer"}\'',
      'policy matrix',
    );
  }
  return value as Record<string, unknown>;
}

/** A plain-text table, models in schema order, one column per operation. */
export function renderMatrix(
  matrix: Readonly<Record<string, Readonly<Record<PolicyOperation, boolean>>>>,
  models: readonly string[],
): string[] {
  const rows = models.map((model) => [
    model,
    ...OPERATIONS.map((op) => (matrix[model]?.[op] ? 'yes' : 'no')),
  ]);
  const header = ['model', ...OPERATIONS];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const format = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map(format)];
}
