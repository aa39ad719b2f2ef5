import type { CliIo, Printer } from './io.js';

/** One option of a command; `value` is the placeholder shown in help for string options. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly value?: string;
  readonly description: string;
}

export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export interface CommandContext {
  readonly io: CliIo;
  readonly out: Printer;
  readonly err: Printer;
}

/** A runnable command: `warden check`, `warden db push`, ... */
export interface CommandSpec {
  /** Full name as typed, `db push` for subcommands. */
  readonly name: string;
  readonly summary: string;
  /** The usage line after `warden `, when it is more than `<name> [options]`. */
  readonly usage?: string;
  /** Extra paragraphs for `--help`. */
  readonly details?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  run(options: OptionValues, context: CommandContext): Promise<number>;
}

/** A command that only groups subcommands: `warden db`, `warden migrate`. */
export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  readonly subcommands: readonly CommandSpec[];
}

export const schemaOption: OptionSpec = {
  type: 'string',
  value: 'path',
  description: 'schema file (default: package.json "warden.schema", else ./schema.zmodel)',
};

/** Reads a string option that parseArgs has already type-checked. */
export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}
