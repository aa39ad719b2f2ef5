import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPrismaSchema, loadSchema } from '@warden/language';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from './helpers.js';

const PRISMA = `generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

enum Role {
  Reader
  Writer
}

model User {
  id    String @id @default(cuid())
  email String @unique
  role  Role   @default(Reader)
  posts Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  author   User   @relation(fields: [authorId], references: [id])
  authorId String
}
`;

describe('warden init with a Prisma schema', () => {
  it.each(['prisma/schema.prisma', 'schema.prisma'])(
    'imports %s into schema.zmodel',
    async (where) => {
      const dir = tempDir();
      mkdirSync(join(dir, 'prisma'), { recursive: true });
      writeFileSync(join(dir, where), PRISMA);
      const { code, stdout } = await run(['init'], { cwd: dir });
      expect(code).toBe(0);
      expect(stdout).toContain(`wrote schema.zmodel (imported from ${where})`);
      const text = readFileSync(join(dir, 'schema.zmodel'), 'utf8');
      const expected = importPrismaSchema(PRISMA, join(dir, where));
      if (!expected.ok) throw new Error('fixture should import');
      expect(text).toBe(expected.text);
      const loaded = await loadSchema({ text, path: join(dir, 'schema.zmodel') });
      expect(loaded.ok && loaded.schema.provider).toBe('postgresql');
      expect(loaded.ok && Object.keys(loaded.schema.models)).toEqual(['User', 'Post']);
    },
  );

  it('prefers prisma/schema.prisma over schema.prisma', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'prisma'));
    writeFileSync(join(dir, 'prisma/schema.prisma'), PRISMA);
    writeFileSync(join(dir, 'schema.prisma'), PRISMA.replace('model Post', 'model Article'));
    const { code } = await run(['init'], { cwd: dir });
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'schema.zmodel'), 'utf8')).toContain('model Post');
  });

  it('still refuses to overwrite schema.zmodel', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'schema.prisma'), PRISMA);
    writeFileSync(join(dir, 'schema.zmodel'), '// mine\n');
    const { code, stderr } = await run(['init'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('already exists');
    expect(readFileSync(join(dir, 'schema.zmodel'), 'utf8')).toBe('// mine\n');
  });

  it('reports a Prisma schema it cannot import, with file:line:col, and writes nothing', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'schema.prisma'),
      'model User {\n  id String @id\n  name String @default(\n}\n',
    );
    const { code, stdout, stderr } = await run(['init'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/schema\.prisma:\d+:\d+ error/);
    expect(stderr).toContain('cannot import schema.prisma');
  });

  it('writes a starter that loads without diagnostics and is already formatted', async () => {
    const dir = tempDir();
    expect((await run(['init'], { cwd: dir })).code).toBe(0);
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toBe('schema.zmodel: no problems (2 models, 0 enums)\n');
    expect((await run(['format', '--check'], { cwd: dir })).code).toBe(0);
  });
});
