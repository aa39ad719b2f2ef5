import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STARTER_SCHEMA } from '../src/commands/starter-schema.js';
import { run, tempDir } from './helpers.js';

describe('warden init without a Prisma schema', () => {
  it('writes the starter schema', async () => {
    const dir = tempDir();
    const { code, stdout } = await run(['init'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('wrote schema.zmodel (starter schema)');
    const text = readFileSync(join(dir, 'schema.zmodel'), 'utf8');
    expect(text).toBe(STARTER_SCHEMA);
    expect(text).toMatch(/provider = "sqlite"/);
    expect(text).toMatch(/model User \{/);
    expect(text).toMatch(/model Post \{/);
    expect(text).toContain('@@allow(');
  });

  it('refuses to overwrite an existing schema.zmodel', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'schema.zmodel'), '// mine\n');
    const { code, stdout, stderr } = await run(['init'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('schema.zmodel already exists; use --force to overwrite it');
    expect(readFileSync(join(dir, 'schema.zmodel'), 'utf8')).toBe('// mine\n');
  });

  it('overwrites with --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'schema.zmodel'), '// mine\n');
    const { code } = await run(['init', '--force'], { cwd: dir });
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'schema.zmodel'), 'utf8')).toBe(STARTER_SCHEMA);
  });

  it('writes to --schema when given', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'db'));
    const { code, stdout } = await run(['init', '--schema', 'db/app.zmodel'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('wrote db/app.zmodel');
    expect(existsSync(join(dir, 'schema.zmodel'))).toBe(false);
    expect(existsSync(join(dir, 'db/app.zmodel'))).toBe(true);
  });

  it('writes where package.json "warden.schema" points', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ warden: { schema: 'db/app.zmodel' } }),
    );
    const { code, stdout } = await run(['init'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('wrote db/app.zmodel');
    expect(readFileSync(join(dir, 'db/app.zmodel'), 'utf8')).toBe(STARTER_SCHEMA);
  });

  it('creates missing directories for --schema', async () => {
    const dir = tempDir();
    const { code } = await run(['init', '--schema', 'a/b/app.zmodel'], { cwd: dir });
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'a/b/app.zmodel'), 'utf8')).toBe(STARTER_SCHEMA);
  });

  it('names the path when it cannot write there', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'taken.zmodel'));
    const { code, stderr } = await run(['init', '--force', '--schema', 'taken.zmodel'], {
      cwd: dir,
    });
    expect(code).toBe(1);
    expect(stderr).toContain('schema file is a directory, not a file: taken.zmodel');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
