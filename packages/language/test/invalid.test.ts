import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadSchema } from '../src/index.js';
import { INVALID_CASES } from './invalid-cases.js';

describe('invalid schemas', () => {
  it('has at least 60 cases covering distinct codes', () => {
    expect(INVALID_CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(INVALID_CASES.map((c) => c.code)).size).toBeGreaterThanOrEqual(45);
  });

  it.each(INVALID_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await loadSchema({ text: c.schema, path: 'bad.zmodel' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const found = r.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);
    expect(found).toContain(`${c.code}@${c.at}`);
    for (const d of r.diagnostics) {
      expect(d.file).toBe('bad.zmodel');
      expect(d.message.length).toBeGreaterThan(10);
      expect(d.endLine * 10000 + d.endColumn).toBeGreaterThanOrEqual(d.line * 10000 + d.column);
    }
  });
});

describe('error recovery', () => {
  it('reports several syntax and semantic errors in one run', async () => {
    const text = `
model User {
  id    Int    @id
  name  Strin
  email String @unique @bogus
  age   Int    @default(
  posts Post[]
}

model Post {
  id       Int  @id
  author   User @relation(fields: [autorId], references: [id])
  authorId Int
  title    String @length(1, 2
  @@allow('read', titel == 'x')
  @@allow('write', true)
}

modle Oops {}

enum Role {
  A
  A
}
`;
    const r = await loadSchema({ text });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const codes = r.diagnostics.map((d) => `${d.code}@${d.line}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'unknown-type@4',
        'unknown-attribute@5',
        'syntax-error@7',
        'unknown-field-reference@12',
        'syntax-error@15',
        'unknown-reference@15',
        'invalid-policy-operation@16',
        'syntax-error@19',
        'duplicate-enum-value@23',
      ]),
    );
    expect(r.diagnostics.every((d) => d.file === '<input>')).toBe(true);
  });

  it('keeps later models after a broken one', async () => {
    const r = await loadSchema({
      text: `model A {\n  id Int @id @default(\n}\nmodel B {\n  id Int @id\n  x Strng\n}\n`,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => d.code)).toContain('unknown-type');
  });

  it('reports a missing file as a diagnostic instead of throwing', async () => {
    const r = await loadSchema({ path: '/nonexistent/dir/schema.zmodel' });
    expect(r).toMatchObject({
      ok: false,
      diagnostics: [
        { code: 'file-not-found', file: '/nonexistent/dir/schema.zmodel', line: 1, column: 1 },
      ],
    });
  });

  it('warns, without failing, when there is no datasource', async () => {
    const r = await loadSchema({ text: 'model A {\n  id Int @id\n}\n' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.schema.provider).toBe('sqlite');
    expect(r.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['missing-datasource', 'warning'],
    ]);
  });
});

describe('formatDiagnostic', () => {
  it('prints file:line:col, severity, code, message and a caret under the range', async () => {
    const source = 'model A {\n  id   Int @id\n  name Strin\n}\n';
    const r = await loadSchema({ text: source, path: 'a.zmodel' });
    if (r.ok) expect.fail('should fail');
    const d = r.diagnostics.find((x) => x.code === 'unknown-type');
    if (!d) expect.fail('no unknown-type');
    expect(formatDiagnostic(d, { source })).toBe(
      [
        `a.zmodel:3:8 error unknown-type Type 'Strin' of field 'name' in model 'A' is not a scalar type, enum or model`,
        ' 3 |   name Strin',
        '   |        ^^^^^',
      ].join('\n'),
    );
    expect(formatDiagnostic(d)).toBe(
      `a.zmodel:3:8 error unknown-type Type 'Strin' of field 'name' in model 'A' is not a scalar type, enum or model`,
    );
    expect(formatDiagnostic(d, { color: true })).toContain('\x1b[');
  });
});

describe('diagnostic codes', () => {
  it('documents every code in the README table, and every case uses a documented code', async () => {
    const { readFileSync } = await import('node:fs');
    const { DIAGNOSTIC_CODES } = await import('../src/index.js');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const code of Object.keys(DIAGNOSTIC_CODES)) {
      expect(readme).toMatch(new RegExp(`^\\| \`${code}\` +\\|`, 'm'));
    }
    for (const c of INVALID_CASES) expect(Object.keys(DIAGNOSTIC_CODES)).toContain(c.code);
  });
});

describe('robustness', () => {
  it('reports deeply nested and very long expressions as syntax errors, not crashes', async () => {
    const nested = `model A {\n  id Int @id\n  @@allow('read', ${'('.repeat(5000)}true${')'.repeat(5000)})\n}\n`;
    const negated = `model A {\n  id Int @id\n  @@allow('read', ${'!'.repeat(5000)}true)\n}\n`;
    const chain = `model A {\n  id Int @id\n  ok Boolean\n  @@allow('read', ${Array(20000).fill('ok').join(' && ')})\n}\n`;
    for (const text of [nested, negated, chain]) {
      const r = await loadSchema({ text });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.diagnostics.map((d) => d.code)).toContain('syntax-error');
      expect(r.diagnostics.map((d) => d.code)).not.toContain('internal-error');
    }
  });

  it('accepts fields named like keywords, even unindented', async () => {
    const r = await loadSchema({
      text: 'model A {\nid Int @id\ntype String\nmodel String\nenum Int\nimport Boolean\n}\n',
    });
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(Object.keys(r.schema.models.A?.fields ?? {})).toEqual([
        'id',
        'type',
        'model',
        'enum',
        'import',
      ]);
  });

  it('reports a missing closing brace before the next declaration and keeps that declaration', async () => {
    const r = await loadSchema({
      text: 'model A {\n  id Int @id\n\nmodel B {\n  id Int @id\n  x Strng\n}\n',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(
      r.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `${d.code}@${d.line}:${d.column}`),
    ).toEqual(['syntax-error@4:1', 'unknown-type@6:5']);
  });
});
