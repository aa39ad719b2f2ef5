import { expect } from 'vitest';
import type { SchemaDef } from '@warden/schema';
import { loadSchema, type Diagnostic } from '../src/index.js';

/** Loads schema text that must be valid; fails the test with the diagnostics otherwise. */
export async function loadOk(text: string): Promise<SchemaDef> {
  const r = await loadSchema({ text, path: 'test.zmodel' });
  if (!r.ok)
    expect.fail(
      r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n'),
    );
  return r.schema;
}

/** Loads schema text that must fail; returns its error diagnostics. */
export async function loadErrors(text: string): Promise<Diagnostic[]> {
  const r = await loadSchema({ text, path: 'test.zmodel' });
  if (r.ok) expect.fail('expected diagnostics, but the schema loaded');
  return r.diagnostics.filter((d) => d.severity === 'error');
}

export const DATASOURCE = `datasource db {\n  provider = "sqlite"\n}\n`;
