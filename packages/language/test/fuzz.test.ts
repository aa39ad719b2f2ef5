import { seededRandom } from '@warden/test-kit';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../src/diagnostic.js';
import { formatSchema, importPrismaSchema, loadSchema } from '../src/index.js';
import { tokenize } from '../src/lexer.js';
import { SourceFile } from '../src/source-file.js';

/** Every comment of a text, as written (trailing spaces aside), in order. */
function commentsOf(text: string): string[] {
  const tokens = tokenize(new SourceFile('x', text), new Diagnostics());
  return tokens.flatMap((t) => t.leading.map((c) => `${c.doc ? '///' : ''}${c.text.trimEnd()}`));
}

/** Seeded, so a failing run can be replayed with WARDEN_FUZZ_SEED. */
const rng = seededRandom;

const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ',',
  ':',
  '=',
  '.',
  '?',
  '!',
  '^',
  '@',
  '@@',
  '==',
  '!=',
  '<',
  '>=',
  '&&',
  '||',
  'model',
  'enum',
  'abstract',
  'extends',
  'datasource',
  'plugin',
  'import',
  'this',
  'auth()',
  'future()',
  'null',
  'true',
  '"str"',
  "'read'",
  '42',
  '-1.5',
  '@id',
  '@unique',
  '@default(',
  '@relation(fields: [',
  '@@allow(',
  '@@validate(',
  'User',
  'Post',
  'String',
  'Int[]',
  '//',
  '///',
  '/*',
  '\n',
  ' ',
  'posts?[',
  'in',
  '#',
  '"',
  "'",
  '\\',
  'é',
  '\u0000',
];

const sources = ['blog.zmodel', 'blog-v1.zmodel', 'post-check.zmodel'].map((name) =>
  readFileSync(new URL(`../../../examples/schemas/${name}`, import.meta.url), 'utf8'),
);

function mutate(text: string, random: () => number): string {
  let t = text;
  const edits = 1 + Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) {
    const pos = Math.floor(random() * (t.length + 1));
    const len = Math.floor(random() * 40);
    switch (Math.floor(random() * 5)) {
      case 0:
        t = t.slice(0, pos) + t.slice(pos + len);
        break;
      case 1:
        t = t.slice(0, pos) + (TOKENS[Math.floor(random() * TOKENS.length)] ?? '') + t.slice(pos);
        break;
      case 2:
        t = t.slice(0, pos) + String.fromCharCode(Math.floor(random() * 128)) + t.slice(pos);
        break;
      case 3:
        t = t.slice(0, pos) + t.slice(pos, pos + len) + t.slice(pos);
        break;
      default:
        t = t.slice(0, pos);
    }
  }
  return t;
}

describe('fuzz: random edits of the example schemas', () => {
  it('never throws, never reports an internal error, formats idempotently and keeps comments', async () => {
    const seed = Number(process.env.WARDEN_FUZZ_SEED ?? Date.now() % 1_000_000);
    console.log(`fuzz seed: ${seed} (replay with WARDEN_FUZZ_SEED=${seed})`);
    const random = rng(seed);
    const runs = 2000;
    let failedLoads = 0;
    for (let i = 0; i < runs; i++) {
      const source = sources[i % sources.length] ?? '';
      const text = mutate(source, random);
      const context = `seed ${seed}, run ${i}:\n${text}`;
      const loaded = await loadSchema({ text, path: `/nonexistent/fuzz-${i}.zmodel` });
      const diagnostics = loaded.ok ? loaded.warnings : loaded.diagnostics;
      if (!loaded.ok) failedLoads++;
      for (const d of diagnostics) {
        if (d.code === 'internal-error') expect.fail(`${d.message}\n${context}`);
        expect(d.line, context).toBeGreaterThanOrEqual(1);
        expect(d.column, context).toBeGreaterThanOrEqual(1);
      }
      const formatted = formatSchema(text);
      if (formatted.ok) {
        const again = formatSchema(formatted.text);
        expect(again.ok && again.text, context).toBe(formatted.text);
        if (i % 2 === 0) expect(commentsOf(formatted.text), context).toEqual(commentsOf(text));
      } else {
        expect(
          formatted.diagnostics.some((d) => d.code === 'internal-error'),
          context,
        ).toBe(false);
      }
      if (i % 4 === 0) {
        const imported = importPrismaSchema(text);
        if (!imported.ok)
          expect(
            imported.diagnostics.some((d) => d.code === 'internal-error'),
            context,
          ).toBe(false);
      }
    }
    // The edits must actually break schemas most of the time, or the test proves little.
    expect(failedLoads).toBeGreaterThan(runs / 2);
  }, 120_000); // generous: the machine is shared; typically a few seconds
});
