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
 * to the schema file's directory, as in Prisma. The url decides the dialect, as it does for
 * `createClient`, so one schema can be pushed to SQLite and to PostgreSQL.
 */
export function resolveDatabaseTarget(io: CliIo, input: DatabaseTargetInput): DatabaseTarget {
  const { schema } = input;
  if (input.urlFlag !== undefined) return target(input.urlFlag, io.cwd, '--url');
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
  return target(url, dirname(input.schemaPath), 'the datasource url');
}

function target(url: string, baseDir: string, origin: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: 'postgresql', url };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new CliError(
      `${origin} "${url}" is not supported: use postgresql://... or a SQLite file:... url`,
    );
  }
  const file = url.startsWith('file:') ? url.slice('file:'.length) : url;
  if (file === ':memory:') return { provider: 'sqlite', url: 'file::memory:' };
  const path = file.split('?')[0] ?? file;
  if (path === '') throw new CliError(`${origin} "${url}" does not name a SQLite file`);
  return { provider: 'sqlite', url: `file:${isAbsolute(path) ? path : resolve(baseDir, path)}` };
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
