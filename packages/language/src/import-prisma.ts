import type { AttributeNode, Document } from './ast.js';
import { unwrap } from './arg-values.js';
import { Diagnostics, type Diagnostic } from './diagnostic.js';
import { dedupe, internalError } from './load-schema.js';
import { parseDocument } from './parser.js';
import { printDocument } from './print-document.js';
import { SourceFile } from './source-file.js';

/** Model attributes of Prisma that ZModel has no use for. */
const DROPPED_MODEL_ATTRIBUTES: Record<string, string> = {
  '@@schema': 'multi-schema support',
  '@@fulltext': 'full-text indexes',
  '@@shardKey': 'shard keys',
};
const DROPPED_FIELD_ATTRIBUTES: Record<string, string> = { '@shardKey': 'shard keys' };
const DROPPED_DATASOURCE_SETTINGS: Record<string, string> = {
  relationMode: 'relation emulation',
  extensions: 'PostgreSQL extensions',
  schemas: 'multi-schema support',
};
const SUPPORTED_PROVIDERS = new Set(['sqlite', 'postgresql']);

/**
 * Turns a Prisma schema into ZModel text (a superset of Prisma's syntax): the same declarations,
 * formatted, minus Prisma features Warden does not support, each of which gets a warning.
 *
 * @example
 * ```ts
 * const r = importPrismaSchema(readFileSync('prisma/schema.prisma', 'utf8'), 'schema.prisma');
 * if (r.ok) writeFileSync('schema.zmodel', r.text);
 * ```
 */
export function importPrismaSchema(
  text: string,
  path = '<input>',
): { ok: true; text: string; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] } {
  try {
    const diagnostics = new Diagnostics();
    const doc = parseDocument(new SourceFile(path, text), diagnostics);
    if (diagnostics.hasErrors) return { ok: false, diagnostics: dedupe(diagnostics.list) };
    const skip = collectDropped(doc, diagnostics);
    return { ok: true, text: printDocument(doc, skip), warnings: dedupe(diagnostics.list) };
  } catch (e) {
    return { ok: false, diagnostics: [internalError(path, e)] };
  }
}

function collectDropped(doc: Document, diagnostics: Diagnostics): Set<object> {
  const skip = new Set<object>();
  const dropped = (node: object, span: AttributeNode['span'], message: string) => {
    skip.add(node);
    diagnostics.warning('import-dropped', message, span);
  };
  const compositeTypes = new Set<string>();
  for (const decl of doc.decls) {
    if (decl.kind === 'model' && decl.keyword !== 'model') {
      if (decl.keyword === 'type') compositeTypes.add(decl.name.name);
      dropped(
        decl,
        decl.name.span,
        `Dropped ${decl.keyword} '${decl.name.name}': Prisma ${decl.keyword === 'view' ? 'views' : 'composite types'} are not supported`,
      );
    }
  }
  for (const decl of doc.decls) {
    if (skip.has(decl)) continue;
    if (decl.kind === 'config') {
      for (const entry of decl.entries) {
        const key = entry.key.name;
        if (decl.keyword === 'generator' && key === 'previewFeatures') {
          dropped(
            entry,
            entry.key.span,
            `Dropped 'previewFeatures' of generator '${decl.name.name}': Prisma preview features do not apply`,
          );
        } else if (
          decl.keyword === 'datasource' &&
          Object.hasOwn(DROPPED_DATASOURCE_SETTINGS, key)
        ) {
          dropped(
            entry,
            entry.key.span,
            `Dropped datasource setting '${key}': ${DROPPED_DATASOURCE_SETTINGS[key]} is not supported`,
          );
        } else if (decl.keyword === 'datasource' && key === 'provider') {
          const v = unwrap(entry.value);
          if (v.k === 'string' && !SUPPORTED_PROVIDERS.has(v.value)) {
            diagnostics.warning(
              'import-dropped',
              `Provider "${v.value}" is not supported; change it to "sqlite" or "postgresql"`,
              entry.value.span,
            );
          }
        }
      }
      continue;
    }
    if (decl.kind === 'enum') {
      for (const member of decl.members) {
        if (member.kind === 'attribute' && member.name === '@@schema') {
          dropped(
            member,
            member.nameSpan,
            `Dropped '@@schema' on enum '${decl.name.name}': multi-schema support is not supported`,
          );
        }
      }
      continue;
    }
    for (const member of decl.members) {
      if (member.kind === 'attribute') {
        const why = Object.hasOwn(DROPPED_MODEL_ATTRIBUTES, member.name)
          ? DROPPED_MODEL_ATTRIBUTES[member.name]
          : undefined;
        if (why)
          dropped(
            member,
            member.nameSpan,
            `Dropped '${member.name}' on model '${decl.name.name}': ${why} is not supported`,
          );
        continue;
      }
      if (compositeTypes.has(member.type.name.name)) {
        dropped(
          member,
          member.type.name.span,
          `Dropped field '${decl.name.name}.${member.name.name}': its composite type '${member.type.name.name}' is not supported`,
        );
        continue;
      }
      for (const a of member.attributes) {
        const why = Object.hasOwn(DROPPED_FIELD_ATTRIBUTES, a.name)
          ? DROPPED_FIELD_ATTRIBUTES[a.name]
          : undefined;
        if (why)
          dropped(
            a,
            a.nameSpan,
            `Dropped '${a.name}' on field '${decl.name.name}.${member.name.name}': ${why} is not supported`,
          );
      }
    }
  }
  return skip;
}
