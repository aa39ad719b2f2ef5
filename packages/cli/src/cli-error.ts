/** Exit codes, as documented in `warden --help`. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/**
 * An expected failure: printed as one message (no stack trace) and turned into an exit code.
 * `usage` names the command whose `--help` the user should read.
 */
export class CliError extends Error {
  readonly exitCode: number;
  readonly usage: string | undefined;

  constructor(message: string, options: { exitCode?: number; usage?: string } = {}) {
    super(message);
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? EXIT_PROBLEMS;
    this.usage = options.usage;
  }
}

/** A mistake in how `warden` was called: exit code 2 and a pointer to the help. */
export function usageError(message: string, command: string): CliError {
  return new CliError(message, { exitCode: EXIT_USAGE, usage: command });
}
