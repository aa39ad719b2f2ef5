import { describe, expect, it } from 'vitest';
import { loadErrors, loadOk } from './helpers.js';

const model = 'model User {\n  id Int @id\n}';

describe('the datasource block in SchemaDef', () => {
  it('carries a literal url', async () => {
    const s = await loadOk(
      `datasource db {\n  provider = "sqlite"\n  url = "file:./dev.db"\n}\n${model}`,
    );
    expect(s.datasource).toEqual({ provider: 'sqlite', url: 'file:./dev.db' });
  });

  it('carries env("NAME") as the variable name, not its value', async () => {
    const s = await loadOk(
      `datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n${model}`,
    );
    expect(s.datasource).toEqual({ provider: 'postgresql', urlEnv: 'DATABASE_URL' });
  });

  it('has only the provider when there is no url, and is absent without a block', async () => {
    const s = await loadOk(`datasource db {\n  provider = "sqlite"\n}\n${model}`);
    expect(s.datasource).toEqual({ provider: 'sqlite' });
    expect((await loadOk(model)).datasource).toBeUndefined();
  });

  it('refuses a url that is neither a string nor env("...") at its position', async () => {
    const errors = await loadErrors(
      `datasource db {\n  provider = "sqlite"\n  url = 42\n}\n${model}`,
    );
    expect(errors).toMatchObject([{ code: 'invalid-argument', line: 3, column: 9 }]);
    const call = await loadErrors(
      `datasource db {\n  provider = "sqlite"\n  url = env()\n}\n${model}`,
    );
    expect(call[0]).toMatchObject({ code: 'invalid-argument', line: 3 });
  });
});
