import type { CommandGroup, CommandSpec } from '../command.js';
import { checkCommand } from './check.js';
import { dbPushCommand } from './db-push.js';
import { formatCommand } from './format.js';
import { generateCommand } from './generate.js';
import { initCommand } from './init.js';
import { migrateDeployCommand, migrateDevCommand, migrateStatusCommand } from './migrate.js';
import { policyMatrixCommand } from './policy-matrix.js';

/** Every command, in the order `warden --help` lists them. */
export const commands: readonly (CommandSpec | CommandGroup)[] = [
  initCommand,
  checkCommand,
  formatCommand,
  generateCommand,
  {
    name: 'db',
    summary: 'work on the database directly',
    subcommands: [dbPushCommand],
  },
  {
    name: 'migrate',
    summary: 'create and apply SQL migration files',
    subcommands: [migrateDevCommand, migrateDeployCommand, migrateStatusCommand],
  },
  {
    name: 'policy',
    summary: 'inspect the access rules',
    subcommands: [policyMatrixCommand],
  },
];
