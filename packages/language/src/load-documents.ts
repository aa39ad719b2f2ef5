import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Document } from './ast.js';
import type { Diagnostics } from './diagnostic.js';
import { parseDocument } from './parser.js';
import { SourceFile } from './source-file.js';

export type LoadInput = { path: string } | { text: string; path?: string };

/**
 * Reads and parses the main file and, transitively, every `import`ed one. Each file is parsed
 * once (by absolute path), so import cycles are harmless.
 */
export async function loadDocuments(
  input: LoadInput,
  diagnostics: Diagnostics,
): Promise<Document[]> {
  const mainPath = input.path ?? '<input>';
  let mainText: string;
  if ('text' in input) mainText = input.text;
  else {
    const read = await readText(mainPath);
    if (read === undefined) {
      const file = new SourceFile(mainPath, '');
      diagnostics.error('file-not-found', `Cannot read schema file '${mainPath}'`, {
        file,
        start: 0,
        end: 0,
      });
      return [];
    }
    mainText = read;
  }
  const documents: Document[] = [];
  const seen = new Set<string>([resolve(mainPath)]);
  const queue: SourceFile[] = [new SourceFile(mainPath, mainText)];
  while (queue.length > 0) {
    const file = queue.shift();
    if (!file) break;
    const doc = parseDocument(file, diagnostics);
    documents.push(doc);
    const baseDir = file.path === '<input>' ? process.cwd() : dirname(file.path);
    for (const imp of doc.imports) {
      const target = /\.zmodel$/.test(imp.path) ? imp.path : `${imp.path}.zmodel`;
      const path = file.path === '<input>' ? resolve(baseDir, target) : join(baseDir, target);
      const key = resolve(path);
      if (seen.has(key)) continue;
      seen.add(key);
      const text = await readText(path);
      if (text === undefined) {
        diagnostics.error(
          'file-not-found',
          `Cannot read imported file '${imp.path}' (looked for '${path}')`,
          imp.span,
        );
        continue;
      }
      queue.push(new SourceFile(path, text));
    }
  }
  return documents;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
