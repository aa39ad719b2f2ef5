import { parseArgs } from 'node:util';
import { usageError } from './cli-error.js';
import type { CommandSpec, OptionValues } from './command.js';
import { didYouMean } from './suggest.js';

/** True when `-h` / `--help` appears before a `--` terminator. */
export function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '-h' || arg === '--help') return true;
  }
  return false;
}

/** Parses a command's options strictly; mistakes become usage errors (exit 2). */
export function parseCommandArgs(command: CommandSpec, args: readonly string[]): OptionValues {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = describeParseError(error);
    const unknown = /^unknown option '(--[^']+)'/.exec(message)?.[1];
    const flags = Object.keys(command.options).map((name) => `--${name}`);
    const hint = unknown === undefined ? '' : didYouMean(unknown, flags);
    throw usageError(message + hint, command.name);
  }
}

// Node's messages go on to suggest `--` tricks that do not apply to warden: keep the first sentence.
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split(/\.\s/)[0] ?? message;
  const sentence = first.replace(/\.$/, '');
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}
