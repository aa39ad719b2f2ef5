import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSchema } from '@warden/language';
import { describe, expect, it } from 'vitest';
import { blogSchema, run, tempDir } from './helpers.js';

const INVALID = `datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}

model User {
  id   String @id
  name Strin
  post Pots[]
}
`;

describe('warden check', () => {
  const dir = tempDir();

  it('passes the blog schema with exit code 0', async () => {
    const { code, stdout, stderr } = await run(['check', '--schema', blogSchema]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('examples/schemas/blog.zmodel: no problems (5 models, 0 enums)');
  });

  it('reports every error with file:line:col and a caret excerpt, exit code 1', async () => {
    writeFileSync(join(dir, 'bad.zmodel'), INVALID);
    const { code, stdout } = await run(['check', '--schema', 'bad.zmodel'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain('bad.zmodel:8:8 error');
    expect(stdout).toContain('bad.zmodel:9:8 error');
    expect(stdout).toMatch(/ 8 \| {3}name Strin\n\s+\| {8}\^{5}/);
    expect(stdout).toContain('bad.zmodel: 2 errors');
  });

  it('prints the diagnostics loadSchema returns, no more and no fewer', async () => {
    const path = join(dir, 'bad.zmodel');
    writeFileSync(path, INVALID);
    const result = await loadSchema({ path });
    expect(result.ok).toBe(false);
    const diagnostics = result.ok ? [] : result.diagnostics;
    const { stdout } = await run(['check', '--schema', path], { cwd: dir });
    const printed = stdout.split('\n').filter((l) => /^bad\.zmodel:\d+:\d+ /.test(l));
    expect(printed).toHaveLength(diagnostics.length);
    for (const d of diagnostics) expect(stdout).toContain(`bad.zmodel:${d.line}:${d.column} `);
  });

  it('exits 0 on warnings alone and prints them', async () => {
    const path = join(dir, 'warn.zmodel');
    writeFileSync(path, 'model A {\n  id Int @id\n}\n');
    const result = await loadSchema({ path });
    if (!result.ok) throw new Error('fixture should load');
    expect(result.warnings.length).toBeGreaterThan(0);
    const { code, stdout } = await run(['check', '--schema', 'warn.zmodel'], { cwd: dir });
    expect(code).toBe(0);
    for (const w of result.warnings)
      expect(stdout).toContain(`warn.zmodel:${w.line}:${w.column} warning`);
    expect(stdout).toMatch(/warn\.zmodel: \d+ warnings? \(1 model, 0 enums\)/);
  });

  it('reads schema.zmodel in the current directory by default', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'schema.zmodel'), INVALID);
    const { code, stdout } = await run(['check'], { cwd });
    expect(code).toBe(1);
    expect(stdout).toContain('schema.zmodel:8:8 error');
  });

  it('reads the schema named in package.json', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'app.zmodel'), INVALID);
    writeFileSync(join(cwd, 'package.json'), JSON.stringify({ warden: { schema: 'app.zmodel' } }));
    const { code, stdout } = await run(['check'], { cwd });
    expect(code).toBe(1);
    expect(stdout).toContain('app.zmodel:8:8 error');
  });

  it("reports an error in an imported file with that file's path and excerpt", async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'schema.zmodel'),
      'import "models"\n\ndatasource db {\n  provider = "sqlite"\n  url = "file:./dev.db"\n}\n',
    );
    writeFileSync(join(cwd, 'models.zmodel'), 'model A {\n  id Int @id\n  b  Nope\n}\n');
    const { code, stdout } = await run(['check'], { cwd });
    expect(code).toBe(1);
    expect(stdout).toContain('models.zmodel:3:6 error');
    expect(stdout).toContain(' 3 |   b  Nope');
    expect(stdout).toContain('schema.zmodel: 1 error');
  });

  it('colours diagnostics on a terminal, not with NO_COLOR or when piped', async () => {
    writeFileSync(join(dir, 'bad.zmodel'), INVALID);
    const args = ['check', '--schema', 'bad.zmodel'];
    expect((await run(args, { cwd: dir, tty: true })).stdout).toContain('\u001b[');
    expect((await run(args, { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(
      '\u001b[',
    );
    expect((await run(args, { cwd: dir })).stdout).not.toContain('\u001b[');
  });
});
