import type { FieldValidation, NativeType } from '@warden/schema';
import type { ExprNode, FieldDecl } from './ast.js';
import { asNumber, asString, literalOf, unwrap } from './arg-values.js';
import { bindAttributes } from './attribute-specs.js';
import { buildDefault } from './build-default.js';
import { buildModelKeys } from './build-model-keys.js';
import { optionalMessage, stringValidation } from './build-validations.js';
import type { Diagnostics } from './diagnostic.js';
import type { FieldInfo, ModelInfo } from './model-info.js';
import { SCALAR_NAMES, type DeclTable, type FlatModel } from './model-table.js';

const NUMERIC = new Set(['Int', 'BigInt', 'Float', 'Decimal']);

/** Builds a model's fields and its keys (`@id`, `@@id`, `@unique`, `@@unique`, `@@index`). */
export function buildModelInfo(
  flat: FlatModel,
  table: DeclTable,
  diagnostics: Diagnostics,
): ModelInfo {
  const model: ModelInfo = {
    name: flat.name,
    flat,
    fields: new Map(),
    attributes: bindAttributes(flat.attributes, 'model', diagnostics, `model '${flat.name}'`),
    def: {
      name: flat.name,
      dbName: flat.name,
      fields: {},
      idFields: [],
      uniques: [],
      indexes: [],
      policies: [],
      validations: [],
      ...(flat.decl.doc === undefined ? {} : { doc: flat.decl.doc }),
    },
    keys: [],
    auth: false,
  };
  for (const decl of flat.fields) {
    if (model.fields.has(decl.name.name)) {
      diagnostics.error(
        'duplicate-field',
        `Field '${decl.name.name}' is declared more than once in model '${flat.name}'`,
        decl.name.span,
      );
      continue;
    }
    const field = buildField(decl, model, table, diagnostics);
    model.fields.set(field.name, field);
    (model.def.fields as Record<string, unknown>)[field.name] = field.def;
  }
  buildModelKeys(model, diagnostics);
  return model;
}

function buildField(
  decl: FieldDecl,
  model: ModelInfo,
  table: DeclTable,
  diagnostics: Diagnostics,
): FieldInfo {
  const typeName = decl.type.name.name;
  let kind: FieldInfo['kind'];
  let type = typeName;
  if (decl.type.unsupported !== undefined) {
    kind = 'unsupported';
    type = decl.type.unsupported;
  } else if (SCALAR_NAMES.has(typeName)) kind = 'scalar';
  else if (table.enums.has(typeName)) kind = 'enum';
  else if (table.models.has(typeName)) {
    kind = 'relation';
    if (table.models.get(typeName)?.abstract && !model.flat.abstract) {
      diagnostics.error(
        'relation-to-abstract',
        `Field '${decl.name.name}' of model '${model.name}' points at abstract model '${typeName}'`,
        decl.type.name.span,
      );
    }
  } else {
    kind = 'unknown';
    diagnostics.error(
      'unknown-type',
      `Type '${typeName}' of field '${decl.name.name}' in model '${model.name}' is not a scalar type, enum or model`,
      decl.type.name.span,
    );
  }
  const fieldDesc = `field '${decl.name.name}' of model '${model.name}'`;
  const attributes = bindAttributes(decl.attributes, 'field', diagnostics, fieldDesc);
  const field: FieldInfo = {
    name: decl.name.name,
    decl,
    model,
    kind,
    type,
    optional: decl.type.optional,
    list: decl.type.list,
    attributes,
    def: {
      name: decl.name.name,
      dbName: decl.name.name,
      kind: kind === 'unknown' ? 'scalar' : kind,
      type,
      optional: decl.type.optional,
      list: decl.type.list,
      ...(decl.doc === undefined ? {} : { doc: decl.doc }),
    },
  };
  const def = field.def;
  const wrongTarget = (node: { name: string; nameSpan: ExprNode['span'] }, needs: string) =>
    diagnostics.error(
      'invalid-attribute-target',
      `Attribute '${node.name}' cannot be used on ${fieldDesc} (${needs})`,
      node.nameSpan,
    );
  const validations: FieldValidation[] = [];
  const isString = kind === 'scalar' && typeName === 'String' && !field.list;

  for (const { node, args } of attributes) {
    const name = node.name;
    if (name.startsWith('@db.')) {
      if (kind !== 'scalar' && kind !== 'enum') {
        wrongTarget(node, 'native types apply to scalar fields');
        continue;
      }
      const nativeArgs: (string | number)[] = [];
      for (const value of args.values()) {
        const lit = literalOf(value);
        if (typeof lit === 'string' || typeof lit === 'number') nativeArgs.push(lit);
        else {
          const n = unwrap(value);
          if (n.k === 'ident') nativeArgs.push(n.name);
          else
            diagnostics.error(
              'invalid-argument',
              `Arguments of '${name}' must be numbers or strings`,
              value.span,
            );
        }
      }
      const nativeType: NativeType = { name: name.slice(4), args: nativeArgs };
      def.nativeType = nativeType;
      continue;
    }
    switch (name) {
      case '@id':
        if (
          kind === 'relation' ||
          kind === 'unsupported' ||
          kind === 'unknown' ||
          field.list ||
          field.optional
        ) {
          diagnostics.error(
            'invalid-id-field',
            `Field '${field.name}' of model '${model.name}' cannot be an id: ids must be required, non-list scalar or enum fields`,
            node.nameSpan,
          );
        }
        break;
      case '@unique':
        if (kind === 'relation' || field.list)
          wrongTarget(node, 'only scalar, non-list fields can be unique');
        else def.unique = true;
        break;
      case '@map': {
        const v = asString(args.get('name') as ExprNode, `The name in '@map'`, diagnostics);
        if (v !== undefined) def.dbName = v;
        if (kind === 'relation') wrongTarget(node, 'relation fields have no column');
        break;
      }
      case '@default': {
        if (kind === 'relation') {
          wrongTarget(node, 'relation fields cannot have defaults');
          break;
        }
        const value = buildDefault(field, args.get('value') as ExprNode, table, diagnostics);
        if (value) def.default = value;
        break;
      }
      case '@updatedAt':
        if (typeName !== 'DateTime' || field.list) wrongTarget(node, 'only DateTime fields');
        else def.updatedAt = true;
        break;
      case '@omit':
        if (kind === 'relation') wrongTarget(node, 'only scalar fields can be omitted');
        else def.omit = true;
        break;
      case '@ignore':
        def.ignored = true;
        break;
      case '@password': {
        if (!isString || field.list) {
          wrongTarget(node, 'only String fields');
          break;
        }
        def.password = passwordParams(args, diagnostics);
        break;
      }
      case '@relation':
        if (kind !== 'relation') wrongTarget(node, `'${typeName}' is not a model`);
        break;
      case '@allow':
      case '@deny':
        if (kind === 'relation')
          wrongTarget(node, 'field rules apply to scalar fields; use model rules for relations');
        break;
      case '@email':
      case '@url':
      case '@regex':
      case '@startsWith':
      case '@endsWith':
      case '@length': {
        if (!isString) {
          wrongTarget(node, 'only String fields');
          break;
        }
        const v = stringValidation(name, args, diagnostics);
        if (v) validations.push(v);
        break;
      }
      case '@gt':
      case '@gte':
      case '@lt':
      case '@lte': {
        if (!(kind === 'scalar' && NUMERIC.has(typeName)) || field.list) {
          wrongTarget(node, 'only numeric fields');
          break;
        }
        const value = asNumber(
          args.get('value') as ExprNode,
          `The bound of '${name}'`,
          diagnostics,
        );
        const message = optionalMessage(args.get('message'), name, diagnostics);
        if (value !== undefined) {
          validations.push({
            kind: name.slice(1) as 'gt',
            value,
            ...(message === undefined ? {} : { message }),
          });
        }
        break;
      }
    }
  }
  if (validations.length > 0) def.validations = validations;
  return field;
}

/**
 * `@password(cost: 16384, blockSize: 8, parallelism: 1)`: scrypt's N, r and p (defaults
 * 16384, 8, 1). N must be a power of two above 1; the product must stay within what
 * node:crypto accepts (its 32 MiB default memory bound is raised for the call as needed).
 */
function passwordParams(
  args: ReadonlyMap<string, ExprNode | undefined>,
  diagnostics: Diagnostics,
): { cost: number; blockSize: number; parallelism: number } {
  const read = (name: string, fallback: number, min: number, max: number): number => {
    const node = args.get(name);
    if (!node) return fallback;
    const v = asNumber(node, `'${name}' of '@password'`, diagnostics, true);
    if (v === undefined) return fallback;
    if (v < min || v > max) {
      diagnostics.error(
        'invalid-argument',
        `'${name}' of '@password' must be between ${min} and ${max}`,
        node.span,
      );
      return fallback;
    }
    return v;
  };
  const cost = read('cost', 16384, 2, 2 ** 20);
  const bad = (cost & (cost - 1)) !== 0;
  if (bad) {
    const node = args.get('cost')!;
    diagnostics.error(
      'invalid-argument',
      `'cost' of '@password' must be a power of two`,
      node.span,
    );
  }
  return {
    cost: bad ? 16384 : cost,
    blockSize: read('blockSize', 8, 1, 64),
    parallelism: read('parallelism', 1, 1, 16),
  };
}
