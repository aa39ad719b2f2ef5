import type { AttributeNode, ConfigDecl, Document, EnumDecl, FieldDecl, ModelDecl } from './ast.js';
import type { Diagnostics } from './diagnostic.js';

/** A model with its inherited fields and attributes flattened in (bases first). */
export interface FlatModel {
  readonly decl: ModelDecl;
  readonly name: string;
  readonly abstract: boolean;
  readonly fields: FieldDecl[];
  readonly attributes: AttributeNode[];
}

export interface DeclTable {
  readonly models: Map<string, FlatModel>;
  readonly enums: Map<string, EnumDecl>;
  readonly datasources: ConfigDecl[];
  readonly plugins: ConfigDecl[];
}

/** Model attributes an abstract base passes on; naming and marking stay with the base. */
const INHERITED_MODEL_ATTRIBUTES = new Set([
  '@@id',
  '@@unique',
  '@@index',
  '@@allow',
  '@@deny',
  '@@validate',
]);

/**
 * Collects the declarations of all files, reports duplicates, and flattens `extends`: each
 * model gets its bases' fields and rules before its own.
 */
export function buildDeclTable(
  documents: readonly Document[],
  diagnostics: Diagnostics,
): DeclTable {
  const names = new Map<string, string>();
  const decls = new Map<string, ModelDecl>();
  const enums = new Map<string, EnumDecl>();
  const datasources: ConfigDecl[] = [];
  const plugins: ConfigDecl[] = [];
  const generators = new Set<string>();

  for (const doc of documents) {
    for (const decl of doc.decls) {
      if (decl.kind === 'config') {
        if (decl.keyword === 'datasource') datasources.push(decl);
        else {
          const key = `${decl.keyword} ${decl.name.name}`;
          if (generators.has(key)) {
            diagnostics.error(
              'duplicate-declaration',
              `${decl.keyword} '${decl.name.name}' is declared more than once`,
              decl.name.span,
            );
            continue;
          }
          generators.add(key);
          if (decl.keyword === 'plugin') plugins.push(decl);
        }
        continue;
      }
      const name = decl.name.name;
      const what =
        decl.kind === 'enum'
          ? 'Enum'
          : decl.keyword === 'model'
            ? 'Model'
            : decl.keyword === 'view'
              ? 'View'
              : 'Type';
      if (decl.kind === 'model' && decl.keyword !== 'model') {
        diagnostics.error(
          'unsupported-declaration',
          `${what} '${name}': '${decl.keyword}' blocks are not supported (use a model)`,
          decl.name.span,
        );
        continue;
      }
      const previous = names.get(name);
      if (previous) {
        diagnostics.error(
          'duplicate-declaration',
          `${what} '${name}' is already declared as ${previous}`,
          decl.name.span,
        );
        continue;
      }
      if (SCALAR_NAMES.has(name) || name === 'Unsupported') {
        diagnostics.error(
          'duplicate-declaration',
          `${what} '${name}' uses the name of a built-in type`,
          decl.name.span,
        );
        continue;
      }
      names.set(name, decl.kind === 'enum' ? `enum` : 'a model');
      if (decl.kind === 'enum') enums.set(name, decl);
      else decls.set(name, decl);
    }
  }

  const models = new Map<string, FlatModel>();
  const visiting = new Set<string>();
  const flatten = (decl: ModelDecl): FlatModel => {
    const done = models.get(decl.name.name);
    if (done) return done;
    visiting.add(decl.name.name);
    const fields: FieldDecl[] = [];
    const attributes: AttributeNode[] = [];
    for (const base of decl.extends) {
      const baseDecl = decls.get(base.name);
      if (!baseDecl) {
        diagnostics.error(
          'unknown-base-model',
          `Model '${decl.name.name}' extends unknown model '${base.name}'`,
          base.span,
        );
        continue;
      }
      if (visiting.has(base.name)) {
        diagnostics.error(
          'inheritance-cycle',
          `Model '${decl.name.name}' extends '${base.name}', which extends it back`,
          base.span,
        );
        continue;
      }
      if (!baseDecl.abstract) {
        diagnostics.error(
          'extends-non-abstract',
          `Model '${decl.name.name}' extends '${base.name}', which is not abstract (declare it 'abstract model ${base.name}')`,
          base.span,
        );
      }
      const flatBase = flatten(baseDecl);
      fields.push(...flatBase.fields);
      attributes.push(...flatBase.attributes.filter((a) => INHERITED_MODEL_ATTRIBUTES.has(a.name)));
    }
    for (const member of decl.members) {
      if (member.kind === 'field') fields.push(member);
      else attributes.push(member);
    }
    visiting.delete(decl.name.name);
    const flat: FlatModel = {
      decl,
      name: decl.name.name,
      abstract: decl.abstract,
      fields,
      attributes,
    };
    models.set(decl.name.name, flat);
    return flat;
  };
  for (const decl of decls.values()) flatten(decl);
  return { models, enums, datasources, plugins };
}

export const SCALAR_NAMES: ReadonlySet<string> = new Set([
  'String',
  'Int',
  'BigInt',
  'Float',
  'Decimal',
  'Boolean',
  'DateTime',
  'Json',
  'Bytes',
]);
