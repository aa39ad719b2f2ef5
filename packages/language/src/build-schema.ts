import type {
  DatabaseProvider,
  DatasourceDef,
  EnumDef,
  LiteralValue,
  ModelDef,
  PluginDef,
  SchemaDef,
} from '@warden/schema';
import type { ConfigDecl, Document, EnumDecl } from './ast.js';
import { literalOf, unwrap } from './arg-values.js';
import { bindAttributes } from './attribute-specs.js';
import { asString } from './arg-values.js';
import { buildModelInfo } from './build-fields.js';
import { buildRelations } from './build-relations.js';
import { buildRules } from './build-rules.js';
import type { Diagnostics } from './diagnostic.js';
import type { ModelInfo } from './model-info.js';
import { buildDeclTable } from './model-table.js';
import { SourceFile } from './source-file.js';

/** Checks the parsed files and builds the `SchemaDef`; problems go to `diagnostics`. */
export function buildSchema(documents: readonly Document[], diagnostics: Diagnostics): SchemaDef {
  const table = buildDeclTable(documents, diagnostics);
  const enums: Record<string, EnumDef> = {};
  const enumValues = new Map<string, string[]>();
  for (const decl of table.enums.values()) {
    enums[decl.name.name] = buildEnum(decl, diagnostics);
    for (const value of enums[decl.name.name]?.values ?? []) {
      const list = enumValues.get(value);
      if (list) list.push(decl.name.name);
      else enumValues.set(value, [decl.name.name]);
    }
  }

  const all = new Map<string, ModelInfo>();
  const concrete = new Map<string, ModelInfo>();
  for (const flat of table.models.values()) {
    const info = buildModelInfo(flat, table, diagnostics);
    all.set(flat.name, info);
    if (!flat.abstract) concrete.set(flat.name, info);
  }
  buildRelations(concrete, diagnostics);

  const authModels = [...concrete.values()].filter((m) => m.auth);
  for (const extra of authModels.slice(1)) {
    diagnostics.error(
      'duplicate-attribute',
      `Only one model can be marked @@auth; '${authModels[0]?.name}' already is ('${extra.name}')`,
      extra.flat.decl.name.span,
    );
  }
  const authModel = authModels[0] ?? concrete.get('User');
  for (const model of concrete.values()) {
    buildRules(model, { models: concrete, enumValues, authModel, diagnostics });
  }

  const models: Record<string, ModelDef> = {};
  for (const model of concrete.values()) models[model.name] = model.def;
  const schema: { -readonly [K in keyof SchemaDef]: SchemaDef[K] } = {
    provider: buildProvider(table.datasources, documents, diagnostics),
    models,
    enums,
  };
  if (authModel) schema.authModel = authModel.name;
  if (table.plugins.length > 0) schema.plugins = buildPlugins(table.plugins);
  const datasource = table.datasources[0];
  if (datasource) schema.datasource = buildDatasource(datasource, schema.provider, diagnostics);
  return schema;
}

function buildEnum(decl: EnumDecl, diagnostics: Diagnostics): EnumDef {
  const values: string[] = [];
  const dbNames: Record<string, string> = {};
  const seen = new Set<string>();
  const enumAttributes = [];
  for (const member of decl.members) {
    if (member.kind === 'attribute') {
      enumAttributes.push(member);
      continue;
    }
    const name = member.name.name;
    if (seen.has(name)) {
      diagnostics.error(
        'duplicate-enum-value',
        `Value '${name}' appears more than once in enum '${decl.name.name}'`,
        member.name.span,
      );
      continue;
    }
    seen.add(name);
    values.push(name);
    for (const { node, args } of bindAttributes(
      member.attributes,
      'enumValue',
      diagnostics,
      `enum value '${decl.name.name}.${name}'`,
    )) {
      if (node.name === '@map') {
        const v = asString(
          args.get('name') ?? (member.name as never),
          `The name in '@map'`,
          diagnostics,
        );
        if (v !== undefined) dbNames[name] = v;
      }
    }
  }
  bindAttributes(enumAttributes, 'enum', diagnostics, `enum '${decl.name.name}'`);
  if (values.length === 0) {
    diagnostics.error(
      'syntax-error',
      `Enum '${decl.name.name}' needs at least one value`,
      decl.name.span,
    );
  }
  return {
    name: decl.name.name,
    values,
    ...(Object.keys(dbNames).length > 0 ? { dbNames } : {}),
    ...(decl.doc === undefined ? {} : { doc: decl.doc }),
  };
}

function buildProvider(
  datasources: readonly ConfigDecl[],
  documents: readonly Document[],
  diagnostics: Diagnostics,
): DatabaseProvider {
  const [first, ...rest] = datasources;
  for (const extra of rest) {
    diagnostics.error(
      'duplicate-datasource',
      `Only one datasource is allowed; '${first?.name.name}' is already declared`,
      extra.name.span,
    );
  }
  if (!first) {
    const doc = documents[0];
    const file = doc?.file ?? new SourceFile('<input>', '');
    diagnostics.warning('missing-datasource', `No datasource block: assuming provider "sqlite"`, {
      file,
      start: 0,
      end: 0,
    });
    return 'sqlite';
  }
  const entry = first.entries.find((e) => e.key.name === 'provider');
  if (!entry) {
    diagnostics.error(
      'invalid-provider',
      `Datasource '${first.name.name}' needs a provider ("sqlite" or "postgresql")`,
      first.name.span,
    );
    return 'sqlite';
  }
  const value = unwrap(entry.value);
  if (value.k !== 'string' || (value.value !== 'sqlite' && value.value !== 'postgresql')) {
    const shown = value.k === 'string' ? `"${value.value}"` : 'this value';
    diagnostics.error(
      'invalid-provider',
      `Provider ${shown} is not supported; use "sqlite" or "postgresql"`,
      entry.value.span,
    );
    return 'sqlite';
  }
  return value.value;
}

/**
 * The datasource's connection: `url = "..."` or `url = env("NAME")`, so tools that connect
 * (`warden db push`, `warden migrate`) read it from the schema, imported files included.
 */
function buildDatasource(
  decl: ConfigDecl,
  provider: DatabaseProvider,
  diagnostics: Diagnostics,
): DatasourceDef {
  const entry = decl.entries.find((e) => e.key.name === 'url');
  if (!entry) return { provider };
  const value = unwrap(entry.value);
  if (value.k === 'string') return { provider, url: value.value };
  if (value.k === 'call' && value.callee.name === 'env' && value.args.length === 1) {
    const name = unwrap(value.args[0]!.value);
    if (name.k === 'string') return { provider, urlEnv: name.value };
  }
  diagnostics.error(
    'invalid-argument',
    `The datasource url must be a string or env("VARIABLE")`,
    entry.value.span,
  );
  return { provider };
}

function buildPlugins(decls: readonly ConfigDecl[]): Record<string, PluginDef> {
  const plugins: Record<string, PluginDef> = {};
  for (const decl of decls) {
    const options: Record<string, LiteralValue> = {};
    for (const entry of decl.entries) {
      const v = literalOf(entry.value);
      if (v !== undefined) options[entry.key.name] = v;
    }
    plugins[decl.name.name] = { name: decl.name.name, options };
  }
  return plugins;
}
