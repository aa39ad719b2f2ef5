import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

// The real process: argument passing, exit codes and stream separation, from source via tsx.
function warden(args: readonly string[]) {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@warden/source',
      join(repoRoot, 'packages/cli/src/bin.ts'),
      ...args,
    ],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the warden process', () => {
  it('checks the blog schema and exits 0', () => {
    const { code, stdout } = warden(['check', '--schema', 'examples/schemas/blog.zmodel']);
    expect(code).toBe(0);
    expect(stdout).toContain('examples/schemas/blog.zmodel: no problems');
  });

  it('exits 2 on an unknown command and 1 on a missing file, with messages on stderr', () => {
    const unknown = warden(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const missing = warden(['check', '--schema', 'missing.zmodel']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('schema file not found: missing.zmodel');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
