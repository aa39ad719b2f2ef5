import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSchemaPath } from '../src/files.js';
import { run, tempDir } from './helpers.js';

const SCHEMA_COMMANDS = [
  ['check'],
  ['format'],
  ['format', '--check'],
  ['generate'],
  ['db', 'push'],
  ['policy', 'matrix'],
];

describe('missing and unreadable files', () => {
  const dir = tempDir();

  it.each(SCHEMA_COMMANDS)('%s %s names a missing --schema file, exit 1', async (...command) => {
    const { code, stdout, stderr } = await run([...command, '--schema', 'nope/missing.zmodel'], {
      cwd: dir,
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('schema file not found: nope/missing.zmodel');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names the default schema.zmodel when no --schema is given', async () => {
    const { code, stderr } = await run(['check'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('schema file not found: schema.zmodel');
  });

  it('says so when the schema path is a directory', async () => {
    mkdirSync(join(dir, 'folder.zmodel'));
    const { code, stderr } = await run(['check', '--schema', 'folder.zmodel'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('schema file is a directory, not a file: folder.zmodel');
  });

  it('shows paths outside the current directory as absolute', async () => {
    const other = tempDir();
    const { stderr } = await run(['check', '--schema', join(other, 'x.zmodel')], { cwd: dir });
    expect(stderr).toContain(`schema file not found: ${join(other, 'x.zmodel')}`);
  });
});

describe('which schema a command reads', () => {
  const io = (cwd: string) => ({ stdout: process.stdout, stderr: process.stderr, cwd, env: {} });

  it('is --schema, relative to the current directory', () => {
    const dir = tempDir();
    expect(resolveSchemaPath(io(dir), 'db/app.zmodel')).toBe(join(dir, 'db/app.zmodel'));
  });

  it('is package.json "warden.schema" when there is no --schema', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ warden: { schema: 'x/s.zmodel' } }));
    expect(resolveSchemaPath(io(dir), undefined)).toBe(join(dir, 'x/s.zmodel'));
    expect(resolveSchemaPath(io(dir), 'other.zmodel')).toBe(join(dir, 'other.zmodel'));
  });

  it('is schema.zmodel when package.json has no "warden" key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app' }));
    expect(resolveSchemaPath(io(dir), undefined)).toBe(join(dir, 'schema.zmodel'));
  });

  it('reports a package.json that is not JSON, by name', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{ "warden": ');
    const { code, stderr } = await run(['check'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('package.json is not valid JSON');
  });

  it('reports a "warden.schema" that is not a string', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ warden: { schema: 3 } }));
    const { code, stderr } = await run(['check'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('"warden.schema" must be a path string');
  });

  it('a missing schema named by package.json is reported with that path', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ warden: { schema: 'db/s.zmodel' } }));
    const { code, stderr } = await run(['check'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('schema file not found: db/s.zmodel');
  });
});
