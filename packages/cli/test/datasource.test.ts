import type { SchemaDef } from '@warden/schema';
import { describe, expect, it } from 'vitest';
import { resolveDatabaseTarget } from '../src/datasource.js';

const io = (env: Record<string, string> = {}) => ({
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: '/work/app',
  env,
});
const sqlite: SchemaDef = { provider: 'sqlite', models: {}, enums: {} };
const postgres: SchemaDef = { provider: 'postgresql', models: {}, enums: {} };

function text(url: string, provider = 'sqlite'): string {
  return `// db\ndatasource db {\n  provider = "${provider}"\n  url      = ${url}\n}\n\nmodel A { id Int @id }\n`;
}

describe('resolveDatabaseTarget', () => {
  const base = { schemaPath: '/work/app/prisma/schema.zmodel', urlFlag: undefined };

  it('resolves a relative SQLite url against the schema file, like Prisma', () => {
    const target = resolveDatabaseTarget(io(), {
      ...base,
      schema: sqlite,
      schemaText: text('"file:./dev.db"'),
    });
    expect(target).toEqual({ provider: 'sqlite', url: 'file:/work/app/prisma/dev.db' });
  });

  it('prefers the SchemaDef datasource over the text', () => {
    const target = resolveDatabaseTarget(io(), {
      ...base,
      schema: { ...sqlite, datasource: { provider: 'sqlite', url: 'file:../data/x.db' } },
      schemaText: text('"file:./dev.db"'),
    });
    expect(target.url).toBe('file:/work/app/data/x.db');
  });

  it('keeps an absolute SQLite path', () => {
    const target = resolveDatabaseTarget(io(), {
      ...base,
      schema: sqlite,
      schemaText: text('"file:/var/db/app.db"'),
    });
    expect(target.url).toBe('file:/var/db/app.db');
  });

  it('reads env("NAME") from the environment', () => {
    const target = resolveDatabaseTarget(io({ DATABASE_URL: 'postgresql://u@h:5432/db' }), {
      ...base,
      schema: postgres,
      schemaText: text('env("DATABASE_URL")', 'postgresql'),
    });
    expect(target).toEqual({ provider: 'postgresql', url: 'postgresql://u@h:5432/db' });
  });

  it('fails clearly when the env variable is not set', () => {
    expect(() =>
      resolveDatabaseTarget(io(), {
        ...base,
        schema: postgres,
        schemaText: text('env("DATABASE_URL")', 'postgresql'),
      }),
    ).toThrow(/environment variable DATABASE_URL is not set/);
  });

  it('resolves a relative --url against the current directory', () => {
    const target = resolveDatabaseTarget(io(), {
      ...base,
      schema: sqlite,
      schemaText: text('"file:./dev.db"'),
      urlFlag: 'file:tmp/other.db',
    });
    expect(target.url).toBe('file:/work/app/tmp/other.db');
  });

  it("lets the url decide the dialect, whatever the schema's provider", () => {
    const target = resolveDatabaseTarget(io(), {
      ...base,
      schema: sqlite,
      schemaText: text('"file:./dev.db"'),
      urlFlag: 'postgresql://localhost/db',
    });
    expect(target).toEqual({ provider: 'postgresql', url: 'postgresql://localhost/db' });
    const file = resolveDatabaseTarget(io(), {
      ...base,
      schema: postgres,
      schemaText: text('"file:./dev.db"', 'postgresql'),
    });
    expect(file).toEqual({ provider: 'sqlite', url: 'file:/work/app/prisma/dev.db' });
  });

  it('refuses urls of other databases', () => {
    expect(() =>
      resolveDatabaseTarget(io(), {
        ...base,
        schema: sqlite,
        schemaText: text('"mysql://root@localhost/db"'),
      }),
    ).toThrow(/the datasource url "mysql:\/\/root@localhost\/db" is not supported/);
    expect(() =>
      resolveDatabaseTarget(io(), {
        ...base,
        schema: sqlite,
        schemaText: text('"file:./dev.db"'),
        urlFlag: 'file:',
      }),
    ).toThrow(/--url "file:" does not name a SQLite file/);
  });

  it('fails clearly without any url', () => {
    expect(() =>
      resolveDatabaseTarget(io(), {
        ...base,
        schema: sqlite,
        schemaText: 'model A { id Int @id }',
      }),
    ).toThrow(/has no url/);
  });
});
