import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSchema } from '@warden/language';
import { createChecker } from '@warden/policy';
import { describe, expect, it } from 'vitest';
import { renderMatrix } from '../src/commands/policy-matrix.js';
import { blogSchema, run, tempDir } from './helpers.js';

/** The printed table back as `{ model: { op: boolean } }`. */
function parseTable(stdout: string): Record<string, Record<string, boolean>> {
  const [header, ...rows] = stdout.trim().split('\n');
  const ops = (header ?? '').split(/\s+/).slice(1);
  return Object.fromEntries(
    rows.map((row) => {
      const [model, ...cells] = row.split(/\s+/);
      return [model, Object.fromEntries(ops.map((op, i) => [op, cells[i] === 'yes']))];
    }),
  );
}

describe('renderMatrix', () => {
  it('lays models out in the order given, one column per operation', () => {
    const lines = renderMatrix(
      {
        Post: { create: true, read: true, update: false, delete: false },
        VerificationToken: { create: false, read: false, update: false, delete: true },
      },
      ['VerificationToken', 'Post', 'Missing'],
    );
    expect(lines).toEqual([
      'model              create  read  update  delete',
      'VerificationToken  no      no    no      yes',
      'Post               yes     yes   no      no',
      'Missing            no      no    no      no',
    ]);
  });
});

describe('warden policy matrix arguments', () => {
  it.each([
    ['{"role":', 'not valid JSON'],
    ['[1,2]', 'must be a JSON object'],
    ['"Writer"', 'must be a JSON object'],
  ])('rejects --user %s as a usage error', async (user, message) => {
    const { code, stderr } = await run(['policy', 'matrix', '--user', user]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain("Run 'warden policy matrix --help'");
  });
});

describe('warden policy matrix on the blog schema', () => {
  const users: [string, Record<string, unknown> | undefined][] = [
    ['anonymous', undefined],
    ['a Reader', { id: 'u1', role: 'Reader' }],
    ['a Writer', { id: 'u1', role: 'Writer' }],
  ];

  it.each(users)("prints the checker's answers for %s", async (_label, user) => {
    const loaded = await loadSchema({ path: blogSchema });
    if (!loaded.ok) throw new Error('blog schema should load');
    const expected = createChecker(loaded.schema).checkAll(user);
    const args = ['policy', 'matrix', '--schema', blogSchema];
    const { code, stdout, stderr } = await run(
      user ? [...args, '--user', JSON.stringify(user)] : args,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(parseTable(stdout)).toEqual(expected);
  });

  it('shows the rules at work: only a Writer may create posts, nobody anonymous reads them', async () => {
    const matrix = async (user?: object) =>
      parseTable(
        (
          await run([
            'policy',
            'matrix',
            '--schema',
            blogSchema,
            ...(user ? ['--user', JSON.stringify(user)] : []),
          ])
        ).stdout,
      );
    const anonymous = await matrix();
    const reader = await matrix({ id: 'u1', role: 'Reader' });
    const writer = await matrix({ id: 'u1', role: 'Writer' });
    expect(anonymous.User?.create).toBe(true);
    expect(anonymous.Post?.read).toBe(false);
    expect(reader.Post?.create).toBe(false);
    expect(reader.Post?.read).toBe(true);
    expect(writer.Post?.create).toBe(true);
    expect(writer.Account).toEqual({ create: false, read: false, update: false, delete: false });
  });

  it('fails with the schema errors for an invalid schema', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'schema.zmodel'),
      "model A {\n  id Int @id\n  @@allow('read', nope)\n}\n",
    );
    const { code, stdout, stderr } = await run(['policy', 'matrix'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/schema\.zmodel:3:\d+ error/);
  });
});
