import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { main } from '../src/index.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const blogSchema = join(repoRoot, 'examples/schemas/blog.zmodel');

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `warden` in-process with captured output; no colour unless `tty` says so. */
export async function run(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
    cwd: options.cwd ?? repoRoot,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

/** A fresh directory, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
