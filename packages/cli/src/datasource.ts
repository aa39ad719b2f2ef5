import { dirname, isAbsolute, resolve } from 'node:path';
import type { DatabaseProvider, DatasourceDef, SchemaDef } from '@warden/schema';
import { CliError } from './cli-error.js';
import type { CliIo } from './io.js';

export interface DatabaseTarget {
  readonly provider: DatabaseProvider;
  /** `file:/absolute/path.db` for SQLite, the connection string for PostgreSQL. */
  readonly url: string;
}

export interface DatabaseTargetInput {
  readonly schema: SchemaDef;
  readonly schemaPath: string;
  /** The schema's text, read when the SchemaDef does not carry its datasource. */
  readonly schemaText: string;
  /** `--url`: wins over the schema; relative SQLite paths are relative to the cwd. */
  readonly urlFlag: string | undefined;
}

/**
 * Which database a command connects to: `--url`, else the schema's `datasource` url, where
 * `env("NAME")` reads the environment. A relative SQLite `file:` url in the schema is relative
 * to the schema file's directory, as in Prisma.
 */
export function resolveDatabaseTarget(io: CliIo, input: DatabaseTargetInput): DatabaseTarget {
  const { schema } = input;
  if (input.urlFlag !== undefined) {
    const provider = providerOfUrl(input.urlFlag);
    if (provider !== schema.provider) {
      throw new CliError(
        `--url is a ${provider} url but the schema's datasource provider is "${schema.provider}"`,
      );
    }
    return { provider, url: normalizeUrl(provider, input.urlFlag, io.cwd) };
  }
  const datasource = schema.datasource ?? scanDatasource(input.schemaText, schema.provider);
  let url = datasource?.url;
  if (url === undefined && datasource?.urlEnv !== undefined) {
    url = io.env[datasource.urlEnv];
    if (url === undefined || url === '') {
      throw new CliError(
        `environment variable ${datasource.urlEnv} is not set (the datasource url is env("${datasource.urlEnv}")); set it or pass --url`,
      );
    }
  }
  if (url === undefined || url === '') {
    throw new CliError(
      'the schema\'s datasource has no url; add `url = "..."` to it or pass --url',
    );
  }
  return {
    provider: schema.provider,
    url: normalizeUrl(schema.provider, url, dirname(input.schemaPath)),
  };
}

function providerOfUrl(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';
}

function normalizeUrl(provider: DatabaseProvider, url: string, baseDir: string): string {
  if (provider === 'postgresql') {
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new CliError(`"${url}" is not a PostgreSQL url (postgresql://user@host:port/db)`);
    }
    return url;
  }
  const file = url.startsWith('file:') ? url.slice('file:'.length) : url;
  if (file === ':memory:') return 'file::memory:';
  const path = file.split('?')[0] ?? file;
  if (path === '') throw new CliError(`"${url}" does not name a SQLite file`);
  return `file:${isAbsolute(path) ? path : resolve(baseDir, path)}`;
}

// Only for a SchemaDef made without `datasource`: the block is simple enough to read directly.
function scanDatasource(text: string, provider: DatabaseProvider): DatasourceDef | undefined {
  const block = /^\s*datasource\s+\w+\s*\{([^}]*)\}/m.exec(text)?.[1];
  if (block === undefined) return undefined;
  const env = /^\s*url\s*=\s*env\(\s*"([^"]+)"\s*\)/m.exec(block)?.[1];
  if (env !== undefined) return { provider, urlEnv: env };
  const url = /^\s*url\s*=\s*"([^"]*)"/m.exec(block)?.[1];
  return url === undefined ? { provider } : { provider, url };
}
