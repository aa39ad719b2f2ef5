import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const COMMANDS = [
  ['init'],
  ['check'],
  ['format'],
  ['generate'],
  ['db', 'push'],
  ['migrate', 'dev'],
  ['migrate', 'deploy'],
  ['migrate', 'status'],
  ['policy', 'matrix'],
];

describe('warden usage', () => {
  it('--help lists every command and the exit codes', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const command of COMMANDS) expect(stdout).toContain(command.join(' '));
    expect(stdout).toMatch(/Exit codes:[\s\S]*2 {2}usage error/);
  });

  it('-h is the same as --help', async () => {
    expect((await run(['-h'])).stdout).toBe((await run(['--help'])).stdout);
  });

  it.each(COMMANDS)("%s %s --help prints that command's usage", async (...command) => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout } = await run([...command, flag]);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: warden ${command.join(' ')}`);
      expect(stdout).toContain('--help');
    }
  });

  it('--help wins over an unknown option in the same call', async () => {
    const { code, stdout } = await run(['check', '--bogus', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: warden check');
  });

  it.each([['db'], ['migrate'], ['policy']])('%s --help lists its subcommands', async (group) => {
    const { code, stdout } = await run([group, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: warden ${group} <command>`);
    for (const command of COMMANDS.filter((c) => c[0] === group)) {
      expect(stdout).toContain(command.join(' '));
    }
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect((await run(['-v'])).stdout).toBe(stdout);
  });

  it('no command prints the usage to stderr with exit code 2', async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: warden <command>');
  });

  it('an unknown command is a usage error', async () => {
    const { code, stderr } = await run(['deploy']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'deploy'");
    expect(stderr).toContain("Run 'warden --help'");
  });

  it('suggests the command or option meant by a typo', async () => {
    expect((await run(['chek'])).stderr).toContain(
      "unknown command 'chek' (did you mean 'check'?)",
    );
    expect((await run(['migrate', 'stauts'])).stderr).toContain("(did you mean 'status'?)");
    expect((await run(['check', '--shema', 'x'])).stderr).toContain(
      "unknown option '--shema' (did you mean '--schema'?)",
    );
    expect((await run(['xyzzy'])).stderr).not.toContain('did you mean');
  });

  it('an unknown top-level option is a usage error', async () => {
    const { code, stderr } = await run(['--verbose']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--verbose'");
  });

  it.each(COMMANDS)('%s %s rejects an unknown option with exit code 2', async (...command) => {
    const { code, stderr } = await run([...command, '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--bogus'");
    expect(stderr).toContain(`Run 'warden ${command.join(' ')} --help' for usage.`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a positional argument a command does not take is a usage error', async () => {
    const { code, stderr } = await run(['check', 'schema.zmodel']);
    expect(code).toBe(2);
    expect(stderr).toContain("unexpected argument 'schema.zmodel'");
  });

  it('a string option without its value is a usage error', async () => {
    const { code, stderr } = await run(['check', '--schema']);
    expect(code).toBe(2);
    expect(stderr).toContain("option '--schema <value>' argument missing");
  });

  it('a group without a subcommand prints its usage with exit code 2', async () => {
    const { code, stderr } = await run(['migrate']);
    expect(code).toBe(2);
    expect(stderr).toContain('migrate dev');
  });

  it('an unknown subcommand is a usage error naming the group', async () => {
    const { code, stderr } = await run(['db', 'pull']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'pull' for 'warden db'");
    expect(stderr).toContain("Run 'warden db --help'");
  });

  it('errors are coloured for a terminal and plain with NO_COLOR', async () => {
    const coloured = await run(['deploy'], { tty: true });
    expect(coloured.stderr).toContain('\u001b[');
    const plain = await run(['deploy'], { tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stderr).not.toContain('\u001b[');
    expect(plain.stderr).toContain("unknown command 'deploy'");
  });
});
