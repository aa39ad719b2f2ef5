import type { AttributeNode, ExprNode } from './ast.js';
import type { Diagnostics } from './diagnostic.js';

interface ParamSpec {
  readonly name: string;
  readonly optional?: boolean;
}

/** What an attribute accepts: its parameters in positional order, and whether it may repeat. */
export interface AttributeSpec {
  readonly params: readonly ParamSpec[];
  readonly repeatable?: boolean;
}

const p = (name: string, optional = false): ParamSpec => ({ name, optional });
const opt = (...names: string[]) => names.map((n) => p(n, true));
const message = p('message', true);

const FIELD_ATTRIBUTES: Record<string, AttributeSpec> = {
  '@id': { params: opt('map', 'length', 'sort', 'clustered') },
  '@default': { params: [p('value'), p('map', true)] },
  '@unique': { params: opt('map', 'length', 'sort', 'clustered') },
  '@relation': { params: opt('name', 'fields', 'references', 'onDelete', 'onUpdate', 'map') },
  '@map': { params: [p('name')] },
  '@updatedAt': { params: [] },
  '@ignore': { params: [] },
  '@omit': { params: [] },
  '@password': { params: opt('cost', 'blockSize', 'parallelism') },
  '@allow': { params: [p('operation'), p('condition')], repeatable: true },
  '@deny': { params: [p('operation'), p('condition')], repeatable: true },
  '@email': { params: [message] },
  '@url': { params: [message] },
  '@length': { params: [p('min', true), p('max', true), message] },
  '@regex': { params: [p('regex'), message] },
  '@startsWith': { params: [p('text'), message] },
  '@endsWith': { params: [p('text'), message] },
  '@gt': { params: [p('value'), message] },
  '@gte': { params: [p('value'), message] },
  '@lt': { params: [p('value'), message] },
  '@lte': { params: [p('value'), message] },
};

const KEY_PARAMS = [p('fields'), ...opt('name', 'map', 'length', 'sort', 'clustered')];

const MODEL_ATTRIBUTES: Record<string, AttributeSpec> = {
  '@@id': { params: KEY_PARAMS },
  '@@unique': { params: KEY_PARAMS, repeatable: true },
  '@@index': { params: [...KEY_PARAMS, ...opt('type', 'ops')], repeatable: true },
  '@@map': { params: [p('name')] },
  '@@ignore': { params: [] },
  '@@auth': { params: [] },
  '@@allow': { params: [p('operation'), p('condition')], repeatable: true },
  '@@deny': { params: [p('operation'), p('condition')], repeatable: true },
  '@@validate': { params: [p('condition'), message], repeatable: true },
};

const ENUM_VALUE_ATTRIBUTES: Record<string, AttributeSpec> = { '@map': { params: [p('name')] } };
const ENUM_ATTRIBUTES: Record<string, AttributeSpec> = { '@@map': { params: [p('name')] } };

/** `@db.VarChar(255)`: native types take any literal arguments. */
const NATIVE_TYPE: AttributeSpec = { params: [] };

export type AttributeLevel = 'field' | 'model' | 'enumValue' | 'enum';

const TABLES: Record<AttributeLevel, Record<string, AttributeSpec>> = {
  field: FIELD_ATTRIBUTES,
  model: MODEL_ATTRIBUTES,
  enumValue: ENUM_VALUE_ATTRIBUTES,
  enum: ENUM_ATTRIBUTES,
};

/** Named arguments of an attribute after binding positional ones to their parameter names. */
export type BoundArgs = ReadonlyMap<string, ExprNode>;

/**
 * Checks the attributes of one field, model, enum or enum value: known names, no repeats of the
 * non-repeatable ones, arguments bound to parameters. Returns the bound arguments of every valid
 * attribute, in source order.
 */
export function bindAttributes(
  attributes: readonly AttributeNode[],
  level: AttributeLevel,
  diagnostics: Diagnostics,
  owner: string,
): { node: AttributeNode; args: BoundArgs }[] {
  const out: { node: AttributeNode; args: BoundArgs }[] = [];
  const seen = new Set<string>();
  for (const node of attributes) {
    const isNative = level === 'field' && node.name.startsWith('@db.');
    const spec = isNative
      ? NATIVE_TYPE
      : Object.hasOwn(TABLES[level], node.name)
        ? TABLES[level][node.name]
        : undefined;
    if (!spec) {
      const hint =
        level === 'field' && Object.hasOwn(MODEL_ATTRIBUTES, '@' + node.name)
          ? ` (did you mean the model attribute '@${node.name}'?)`
          : level === 'model' && Object.hasOwn(FIELD_ATTRIBUTES, node.name.slice(1))
            ? ` ('${node.name.slice(1)}' is a field attribute)`
            : '';
      diagnostics.error(
        'unknown-attribute',
        `Unknown attribute '${node.name}' on ${owner}${hint}`,
        node.nameSpan,
      );
      continue;
    }
    const key = isNative ? '@db' : node.name;
    if (!spec.repeatable && seen.has(key)) {
      diagnostics.error(
        'duplicate-attribute',
        `Attribute '${node.name}' is given more than once on ${owner}`,
        node.nameSpan,
      );
      continue;
    }
    seen.add(key);
    if (isNative) {
      out.push({ node, args: new Map(node.args.map((a, i) => [String(i), a.value])) });
      continue;
    }
    const args = bindArgs(node, spec, diagnostics);
    if (args) out.push({ node, args });
  }
  return out;
}

function bindArgs(
  node: AttributeNode,
  spec: AttributeSpec,
  diagnostics: Diagnostics,
): BoundArgs | undefined {
  const bound = new Map<string, ExprNode>();
  let ok = true;
  let position = 0;
  for (const arg of node.args) {
    if (arg.name) {
      const name = arg.name.name;
      if (!spec.params.some((param) => param.name === name)) {
        diagnostics.error(
          'unknown-argument',
          `Attribute '${node.name}' has no argument '${name}'`,
          arg.name.span,
        );
        ok = false;
        continue;
      }
      if (bound.has(name)) {
        diagnostics.error(
          'duplicate-argument',
          `Argument '${name}' of '${node.name}' is given twice`,
          arg.name.span,
        );
        ok = false;
        continue;
      }
      bound.set(name, arg.value);
      continue;
    }
    while (position < spec.params.length && bound.has(spec.params[position]?.name ?? ''))
      position++;
    const param = spec.params[position];
    if (!param) {
      diagnostics.error('unknown-argument', `Too many arguments for '${node.name}'`, arg.span);
      ok = false;
      continue;
    }
    bound.set(param.name, arg.value);
    position++;
  }
  for (const param of spec.params) {
    if (!param.optional && !bound.has(param.name)) {
      diagnostics.error(
        'missing-argument',
        `Attribute '${node.name}' needs the argument '${param.name}'`,
        node.span,
      );
      ok = false;
    }
  }
  return ok ? bound : undefined;
}
