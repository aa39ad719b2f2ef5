import type { CommandGroup, CommandSpec, OptionSpec } from './command.js';

const EXIT_CODES = `Exit codes:
  0  success
  1  problems found: schema errors, a file that needs formatting, pending migrations,
     a failed database operation, a missing or unreadable file
  2  usage error: unknown command or option, missing argument`;

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${
      spec.type === 'string' ? ` <${spec.value ?? 'value'}>` : ''
    }`;
    return [flag, spec.description] as const;
  });
  rows.push(['-h, --help', 'show this help']);
  return table(rows);
}

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

export function commandHelp(command: CommandSpec): string {
  const hasOptions = Object.keys(command.options).length > 0;
  const lines = [
    `Usage: warden ${command.usage ?? `${command.name}${hasOptions ? ' [options]' : ''}`}`,
    '',
    command.summary,
  ];
  if (command.details) lines.push('', command.details);
  lines.push('', 'Options:', ...optionLines(command.options), '', EXIT_CODES);
  return lines.join('\n');
}

export function groupHelp(group: CommandGroup): string {
  return [
    `Usage: warden ${group.name} <command> [options]`,
    '',
    group.summary,
    '',
    'Commands:',
    ...table(group.subcommands.map((c) => [c.name, c.summary])),
    '',
    `Run 'warden ${group.name} <command> --help' for a command's options.`,
  ].join('\n');
}

export function mainHelp(entries: readonly (CommandSpec | CommandGroup)[]): string {
  const rows: (readonly [string, string])[] = [];
  for (const entry of entries) {
    if ('subcommands' in entry) {
      for (const sub of entry.subcommands) rows.push([sub.name, sub.summary]);
    } else {
      rows.push([entry.name, entry.summary]);
    }
  }
  return [
    'Usage: warden <command> [options]',
    '',
    'Warden: a schema-first, policy-aware data layer. Commands read schema.zmodel.',
    '',
    'Commands:',
    ...table(rows),
    '',
    'Options:',
    ...table([
      ['-h, --help', 'show help (also after any command: warden check --help)'],
      ['-v, --version', 'print the version'],
    ]),
    '',
    EXIT_CODES,
  ].join('\n');
}
