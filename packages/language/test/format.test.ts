import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSchema, loadSchema } from '../src/index.js';

const fixture = (name: string) =>
  readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const example = (name: string) =>
  readFileSync(new URL(`../../../examples/schemas/${name}`, import.meta.url), 'utf8');

function format(text: string): string {
  const r = formatSchema(text);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.text;
}

function comments(text: string): string[] {
  return [...text.matchAll(/\/\/.*$/gm)].map((m) => m[0].trimEnd());
}

describe('formatSchema', () => {
  it('lays out a messy schema canonically', () => {
    expect(format(fixture('messy.zmodel'))).toBe(fixture('messy.formatted.zmodel'));
  });

  it('keeps every comment and doc comment, in order', () => {
    const input = fixture('messy.zmodel');
    expect(comments(format(input))).toEqual(comments(input));
  });

  it.each(['blog.zmodel', 'blog-v1.zmodel', 'post-check.zmodel'])(
    'leaves the already canonical %s unchanged',
    (name) => {
      expect(format(example(name))).toBe(example(name));
    },
  );

  it.each(['messy.zmodel', 'messy.formatted.zmodel'])('is idempotent on %s', (name) => {
    const once = format(fixture(name));
    expect(format(once)).toBe(once);
  });

  it('does not change what the schema means', async () => {
    const input = fixture('messy.zmodel');
    const before = await loadSchema({ text: input });
    const after = await loadSchema({ text: format(input) });
    expect(before.ok && after.ok).toBe(true);
    if (!before.ok || !after.ok) return;
    // Only the condition's source text may differ: it is kept as written.
    const withoutSource = (v: unknown) =>
      JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'source' ? undefined : x))) as unknown;
    expect(withoutSource(after.schema)).toEqual(withoutSource(before.schema));
    expect(after.schema.models.User?.policies[0]?.source).toBe('auth() != null');
  });

  it('aligns columns per run of fields, separated by blank lines', () => {
    const text = 'model A {\n  id Int @id\n  longName String\n\n  x Boolean @default(true)\n}\n';
    expect(format(text)).toBe(
      'model A {\n  id       Int    @id\n  longName String\n\n  x Boolean @default(true)\n}\n',
    );
  });

  it('formats single-line blocks, imports and expressions', () => {
    const text =
      'import "a"\nimport \'b\'\nmodel A { id Int @id\n@@allow("read",!(x>1)&&y in [1,2]||z?[ok]) }';
    expect(format(text)).toBe(
      'import "a"\nimport \'b\'\n\nmodel A {\n  id Int @id\n  @@allow("read", !(x > 1) && y in [1, 2] || z?[ok])\n}\n',
    );
  });

  it('returns diagnostics instead of text for invalid input', () => {
    const r = formatSchema('model A {\n  id Int @id @default(\n}\n', 'a.zmodel');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]).toMatchObject({ code: 'syntax-error', file: 'a.zmodel', line: 3 });
  });

  it('formats empty input to empty output', () => {
    expect(format('')).toBe('');
    expect(format('// only a comment\n')).toBe('// only a comment\n');
  });
});

describe('line endings', () => {
  it('loads and formats CRLF text like LF text', async () => {
    const lf = readFileSync(
      new URL('../../../examples/schemas/blog.zmodel', import.meta.url),
      'utf8',
    );
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = await loadSchema({ text: lf });
    const b = await loadSchema({ text: crlf });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.schema).toEqual(a.schema);
    expect(format(crlf)).toBe(lf);
  });
});
