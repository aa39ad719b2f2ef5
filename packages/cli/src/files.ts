import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { CliError } from './cli-error.js';
import type { CliIo } from './io.js';

/** The default schema file name, looked up in the current directory. */
export const DEFAULT_SCHEMA = 'schema.zmodel';

/**
 * Which schema a command works on: `--schema`, else `"warden": { "schema": ... }` in the
 * current directory's package.json, else `schema.zmodel`. Returns an absolute path.
 */
export function resolveSchemaPath(io: CliIo, flag: string | undefined): string {
  if (flag !== undefined) return resolve(io.cwd, flag);
  const fromPackage = schemaFromPackageJson(io);
  if (fromPackage !== undefined) return resolve(io.cwd, fromPackage);
  return join(io.cwd, DEFAULT_SCHEMA);
}

function schemaFromPackageJson(io: CliIo): string | undefined {
  const path = join(io.cwd, 'package.json');
  if (!existsSync(path)) return undefined;
  let pkg: unknown;
  try {
    pkg = JSON.parse(readText(io, path, 'package.json'));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${displayPath(io, path)} is not valid JSON: ${(error as Error).message}`);
  }
  const warden = (pkg as { warden?: unknown } | null)?.warden;
  if (warden === undefined) return undefined;
  const schema = (warden as { schema?: unknown } | null)?.schema;
  if (typeof schema !== 'string' || schema === '') {
    throw new CliError(
      `${displayPath(io, path)}: "warden.schema" must be a path string, e.g. "warden": { "schema": "schema.zmodel" }`,
    );
  }
  return schema;
}

/** Reads a text file; a missing or unreadable file is a `CliError` naming the path. */
export function readText(io: CliIo, path: string, what = 'file'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(describeFsError(io, error, path, what));
  }
}

export function describeFsError(io: CliIo, error: unknown, path: string, what: string): string {
  const shown = displayPath(io, path);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `${what} not found: ${shown}`;
  if (code === 'EISDIR') return `${what} is a directory, not a file: ${shown}`;
  if (code === 'EACCES' || code === 'EPERM')
    return `cannot access ${what} ${shown}: permission denied`;
  const reason = error instanceof Error ? error.message : String(error);
  return `cannot access ${what} ${shown}: ${reason}`;
}

/** A path as the user would type it: relative to the current directory when inside it. */
export function displayPath(io: CliIo, path: string): string {
  const rel = relative(io.cwd, path);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return path;
  return rel;
}
