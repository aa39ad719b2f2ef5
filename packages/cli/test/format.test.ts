import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSchema } from '@warden/language';
import { describe, expect, it } from 'vitest';
import { blogSchema, run, tempDir } from './helpers.js';

const UNFORMATTED = `// keep me
model User {
id String @id @default(cuid())
      email String @unique // and me
  posts Post[]
}
model Post {
  id String @id
  author User @relation(fields: [authorId], references: [id])
  authorId String
    @@allow('read', true)
}
`;

describe('warden format', () => {
  it('--check lists an unformatted file and exits 1 without touching it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'schema.zmodel'), UNFORMATTED);
    const { code, stdout } = await run(['format', '--check'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain('would reformat schema.zmodel');
    expect(readFileSync(join(dir, 'schema.zmodel'), 'utf8')).toBe(UNFORMATTED);
  });

  it("rewrites the file in the formatter's layout, keeping comments, then --check passes", async () => {
    const dir = tempDir();
    const path = join(dir, 'app.zmodel');
    writeFileSync(path, UNFORMATTED);
    const expected = formatSchema(UNFORMATTED, path);
    if (!expected.ok) throw new Error('fixture should format');
    expect(expected.text).not.toBe(UNFORMATTED);

    const first = await run(['format', '--schema', 'app.zmodel'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('formatted app.zmodel');
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(expected.text);
    expect(text).toContain('// keep me');
    expect(text).toContain('// and me');

    const check = await run(['format', '--check', '--schema', 'app.zmodel'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('app.zmodel: already formatted');
    const again = await run(['format', '--schema', 'app.zmodel'], { cwd: dir });
    expect(again.stdout).toContain('already formatted');
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('--check on a formatted copy of the blog schema exits 0', async () => {
    const dir = tempDir();
    const formatted = formatSchema(readFileSync(blogSchema, 'utf8'), blogSchema);
    if (!formatted.ok) throw new Error('blog should format');
    writeFileSync(join(dir, 'schema.zmodel'), formatted.text);
    const { code } = await run(['format', '--check'], { cwd: dir });
    expect(code).toBe(0);
  });

  it('refuses a file with syntax errors, printing them with file:line:col', async () => {
    const dir = tempDir();
    const broken = 'model A {\n  id Int @id\n  name String @default(\n}\n';
    writeFileSync(join(dir, 'schema.zmodel'), broken);
    const { code, stderr } = await run(['format'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/schema\.zmodel:\d+:\d+ error/);
    expect(stderr).toContain('cannot format schema.zmodel');
    expect(readFileSync(join(dir, 'schema.zmodel'), 'utf8')).toBe(broken);
  });
});
