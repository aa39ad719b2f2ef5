import { readFileSync } from 'node:fs';
import { asksForHelp, parseCommandArgs } from './args.js';
import { CliError, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, usageError } from './cli-error.js';
import type { CommandContext, CommandGroup, CommandSpec } from './command.js';
import { commands } from './commands/index.js';
import { commandHelp, groupHelp, mainHelp } from './help.js';
import { defaultIo, printer, type CliIo } from './io.js';
import { didYouMean } from './suggest.js';

/**
 * Runs the `warden` command line and resolves to its exit code: 0 success, 1 problems found
 * (schema errors, unformatted files, failed database work, missing files), 2 usage error.
 * Never throws for user mistakes; they are printed to `io.stderr`.
 *
 * @example
 * ```ts
 * const code = await main(['check', '--schema', 'schema.zmodel']);
 * process.exitCode = code;
 * ```
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const fullIo: CliIo = { ...defaultIo(), ...io };
  const context: CommandContext = {
    io: fullIo,
    out: printer(fullIo.stdout, fullIo.env),
    err: printer(fullIo.stderr, fullIo.env),
  };
  try {
    return await dispatch(argv, context);
  } catch (error) {
    if (error instanceof CliError) {
      context.err.line(`${context.err.paint('red', 'error:')} ${error.message}`);
      if (error.usage !== undefined) {
        const target = error.usage ? `warden ${error.usage}` : 'warden';
        context.err.line(`Run '${target} --help' for usage.`);
      }
      return error.exitCode;
    }
    // A bug in warden (or a dependency): still no bare stack unless asked for.
    const message = error instanceof Error ? error.message : String(error);
    context.err.line(`${context.err.paint('red', 'error:')} ${message}`);
    if (fullIo.env.WARDEN_DEBUG && error instanceof Error && error.stack) {
      context.err.line(error.stack);
    }
    return EXIT_PROBLEMS;
  }
}

async function dispatch(argv: readonly string[], context: CommandContext): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    context.err.line(mainHelp(commands));
    return EXIT_USAGE;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    context.out.line(mainHelp(commands));
    return EXIT_OK;
  }
  if (first === '-v' || first === '--version') {
    context.out.line(version());
    return EXIT_OK;
  }
  if (first.startsWith('-')) throw usageError(`unknown option '${first}'`, '');
  const entry = commands.find((c) => c.name === first);
  if (!entry) {
    const names = commands.map((c) => c.name);
    throw usageError(`unknown command '${first}'${didYouMean(first, names)}`, '');
  }
  if ('subcommands' in entry) return dispatchGroup(entry, rest, context);
  return runCommand(entry, rest, context);
}

async function dispatchGroup(
  group: CommandGroup,
  args: readonly string[],
  context: CommandContext,
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) {
    context.err.line(groupHelp(group));
    return EXIT_USAGE;
  }
  if (sub === '-h' || sub === '--help') {
    context.out.line(groupHelp(group));
    return EXIT_OK;
  }
  const command = group.subcommands.find((c) => c.name === `${group.name} ${sub}`);
  if (!command) {
    const what = sub.startsWith('-') ? 'option' : 'command';
    const names = group.subcommands.map((c) => c.name.slice(group.name.length + 1));
    const hint = what === 'command' ? didYouMean(sub, names) : '';
    throw usageError(`unknown ${what} '${sub}' for 'warden ${group.name}'${hint}`, group.name);
  }
  return runCommand(command, rest, context);
}

async function runCommand(
  command: CommandSpec,
  args: readonly string[],
  context: CommandContext,
): Promise<number> {
  if (asksForHelp(args)) {
    context.out.line(commandHelp(command));
    return EXIT_OK;
  }
  const options = parseCommandArgs(command, args);
  return command.run(options, context);
}

function version(): string {
  const url = new URL('../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
