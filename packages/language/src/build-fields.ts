import type {
  DefaultValue,
  FieldValidation,
  LiteralValue,
  NativeType,
  ScalarType,
} from '@warden/schema';
import type { EnumDecl, ExprNode, FieldDecl } from './ast.js';
import { asFieldRefs, asNumber, asString, isIntegerText, literalOf, unwrap } from './arg-values.js';
import { bindAttributes } from './attribute-specs.js';
import type { Diagnostics } from './diagnostic.js';
import { attr, type FieldInfo, type ModelInfo } from './model-info.js';
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

function optionalMessage(
  node: ExprNode | undefined,
  attrName: string,
  diagnostics: Diagnostics,
): string | undefined {
  return node === undefined
    ? undefined
    : asString(node, `The message of '${attrName}'`, diagnostics);
}

function stringValidation(
  name: string,
  args: ReadonlyMap<string, ExprNode>,
  diagnostics: Diagnostics,
): FieldValidation | undefined {
  const message = optionalMessage(args.get('message'), name, diagnostics);
  const withMessage = message === undefined ? {} : { message };
  switch (name) {
    case '@email':
    case '@url':
      return { kind: name === '@email' ? 'email' : 'url', ...withMessage };
    case '@regex': {
      const pattern = asString(
        args.get('regex') as ExprNode,
        `The pattern of '@regex'`,
        diagnostics,
      );
      if (pattern === undefined) return undefined;
      try {
        new RegExp(pattern);
      } catch {
        diagnostics.error(
          'invalid-argument',
          `'@regex' pattern is not a valid regular expression: ${pattern}`,
          (args.get('regex') as ExprNode).span,
        );
        return undefined;
      }
      return { kind: 'regex', pattern, ...withMessage };
    }
    case '@startsWith':
    case '@endsWith': {
      const value = asString(args.get('text') as ExprNode, `The text of '${name}'`, diagnostics);
      return value === undefined
        ? undefined
        : { kind: name === '@startsWith' ? 'startsWith' : 'endsWith', value, ...withMessage };
    }
    default: {
      const minNode = args.get('min');
      const maxNode = args.get('max');
      const min =
        minNode === undefined
          ? undefined
          : asNumber(minNode, `'min' of '@length'`, diagnostics, true);
      const max =
        maxNode === undefined
          ? undefined
          : asNumber(maxNode, `'max' of '@length'`, diagnostics, true);
      if (min !== undefined && max !== undefined && min > max) {
        diagnostics.error(
          'invalid-argument',
          `'@length' has min ${min} greater than max ${max}`,
          (minNode as ExprNode).span,
        );
        return undefined;
      }
      return {
        kind: 'length',
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
        ...withMessage,
      };
    }
  }
}

const DEFAULT_FUNCTIONS: Record<
  string,
  { types: readonly string[] | 'any'; arg?: 'int' | 'string' }
> = {
  autoincrement: { types: ['Int', 'BigInt'] },
  cuid: { types: ['String'], arg: 'int' },
  uuid: { types: ['String'], arg: 'int' },
  nanoid: { types: ['String'], arg: 'int' },
  ulid: { types: ['String'] },
  now: { types: ['DateTime'] },
  dbgenerated: { types: 'any', arg: 'string' },
};

function buildDefault(
  field: FieldInfo,
  node: ExprNode,
  table: DeclTable,
  diagnostics: Diagnostics,
): DefaultValue | undefined {
  const n = unwrap(node);
  const where = `field '${field.name}' of model '${field.model.name}'`;
  const bad = (message: string, at: ExprNode = n) => {
    diagnostics.error('invalid-default', message, at.span);
    return undefined;
  };
  if (n.k === 'call') {
    const fn = n.callee.name;
    const spec = Object.hasOwn(DEFAULT_FUNCTIONS, fn) ? DEFAULT_FUNCTIONS[fn] : undefined;
    if (!spec) {
      if (fn === 'auth')
        return bad(`Use a member of auth(), like auth().id, as the default of ${where}`);
      return bad(`Unknown default function '${fn}()' on ${where}`);
    }
    if (
      field.list ||
      (spec.types !== 'any' && (field.kind !== 'scalar' || !spec.types.includes(field.type)))
    ) {
      return bad(
        `'${fn}()' cannot be the default of ${where} (type ${field.type}${field.list ? '[]' : ''}${spec.types === 'any' ? '' : `; it needs ${spec.types.join(' or ')}`})`,
      );
    }
    if (n.args.length > (spec.arg ? 1 : 0))
      return bad(`'${fn}()' takes ${spec.arg ? 'at most one argument' : 'no arguments'}`);
    const arg = n.args[0];
    const args: (string | number)[] = [];
    if (arg) {
      if (arg.name) return bad(`'${fn}()' takes no named arguments`, arg.value);
      const v = literalOf(arg.value);
      if (
        spec.arg === 'int' ? typeof v !== 'number' || !Number.isInteger(v) : typeof v !== 'string'
      ) {
        return bad(
          `The argument of '${fn}()' must be ${spec.arg === 'int' ? 'an integer' : 'a string'}`,
          arg.value,
        );
      }
      args.push(v as string | number);
    }
    return { kind: 'function', name: fn as 'uuid', ...(args.length > 0 ? { args } : {}) };
  }
  if (n.k === 'member') {
    const path: string[] = [];
    let cur: ExprNode = n;
    while (cur.k === 'member') {
      path.unshift(cur.name.name);
      cur = unwrap(cur.object);
    }
    if (cur.k === 'call' && cur.callee.name === 'auth' && cur.args.length === 0)
      return { kind: 'auth', path };
    return bad(`Default of ${where} must be a literal, an enum value or a function`);
  }
  if (field.list) {
    if (n.k !== 'array') return bad(`Default of list ${where} must be a list, like []`);
    const values: LiteralValue[] = [];
    for (const item of n.items) {
      const v = scalarDefault(field, item, table);
      if (typeof v === 'string' && v.startsWith('\0')) return bad(v.slice(1), item);
      values.push(v as LiteralValue);
    }
    if (field.kind === 'enum')
      return values.length === 0 ? { kind: 'value', value: [] } : { kind: 'value', value: values };
    return { kind: 'value', value: values };
  }
  if (n.k === 'array') return bad(`Default of ${where} cannot be a list: the field is not a list`);
  if (field.kind === 'enum') {
    if (n.k !== 'ident') {
      if (n.k === 'null' && field.optional) return { kind: 'value', value: null };
      return bad(`Default of enum ${where} must be a value of enum '${field.type}'`);
    }
    const v = scalarDefault(field, n, table);
    if (typeof v === 'string' && v.startsWith('\0')) return bad(v.slice(1));
    return { kind: 'enum', value: n.name };
  }
  const v = scalarDefault(field, n, table);
  if (typeof v === 'string' && v.startsWith('\0')) return bad(v.slice(1));
  return { kind: 'value', value: v as LiteralValue };
}

/** The literal for one default item, or an error message marked with a leading NUL. */
function scalarDefault(field: FieldInfo, node: ExprNode, table: DeclTable): LiteralValue | string {
  const n = unwrap(node);
  const where = `field '${field.name}' of model '${field.model.name}'`;
  if (field.kind === 'enum') {
    const decl = table.enums.get(field.type) as EnumDecl;
    if (n.k !== 'ident')
      return `\0Default of enum ${where} must be a value of enum '${field.type}'`;
    const known = decl.members.some((m) => m.kind === 'enumValue' && m.name.name === n.name);
    return known
      ? n.name
      : `\0'${n.name}' is not a value of enum '${field.type}' (default of ${where})`;
  }
  const lit = literalOf(n);
  if (lit === undefined)
    return `\0Default of ${where} must be a literal, an enum value or a function`;
  if (lit === null) return field.optional ? null : `\0Default of required ${where} cannot be null`;
  const type = field.kind === 'scalar' ? (field.type as ScalarType) : undefined;
  const fits = (() => {
    switch (type) {
      case 'String':
      case 'Bytes':
        return typeof lit === 'string';
      case 'Int':
        return (
          (typeof lit === 'number' && isIntegerText(n)) || (typeof lit === 'object' && lit !== null)
        );
      case 'BigInt':
        return (
          (typeof lit === 'number' && isIntegerText(n)) || (typeof lit === 'object' && lit !== null)
        );
      case 'Float':
        return typeof lit === 'number';
      case 'Decimal':
        return (
          typeof lit === 'number' ||
          (typeof lit === 'string' && lit.trim() !== '' && !Number.isNaN(Number(lit)))
        );
      case 'Boolean':
        return typeof lit === 'boolean';
      case 'DateTime':
        return typeof lit === 'string' && !Number.isNaN(Date.parse(lit));
      case 'Json':
        if (typeof lit !== 'string') return false;
        try {
          JSON.parse(lit);
          return true;
        } catch {
          return false;
        }
      case undefined:
        return true;
    }
  })();
  if (type === 'Int' && typeof lit === 'object')
    return `\0Default ${JSON.stringify(lit.bigint)} of Int ${where} is out of range`;
  if (!fits) {
    const shown = typeof lit === 'object' ? lit.bigint : JSON.stringify(lit);
    return `\0Default value ${shown} does not fit ${type ?? field.type} ${where}`;
  }
  return lit;
}

/** `@id`/`@@id`, `@unique`/`@@unique`, `@@index`, `@@map` of one model. */
function buildModelKeys(model: ModelInfo, diagnostics: Diagnostics): void {
  const def = model.def;
  const idFields = [...model.fields.values()].filter((f) => attr(f.attributes, '@id'));
  const atAtId = attr(model.attributes, '@@id');
  if (idFields.length > 1) {
    for (const f of idFields.slice(1)) {
      diagnostics.error(
        'duplicate-id',
        `Model '${model.name}' has more than one @id field; use @@id([...]) for a composite id`,
        (attr(f.attributes, '@id')?.node ?? f.decl).span,
      );
    }
  }
  if (idFields.length > 0 && atAtId) {
    diagnostics.error(
      'duplicate-id',
      `Model '${model.name}' has both @id and @@id`,
      atAtId.node.nameSpan,
    );
  }
  const fieldRefs = (node: ExprNode, what: string): string[] | undefined => {
    const refs = asFieldRefs(node, what, diagnostics);
    if (!refs) return undefined;
    let ok = true;
    for (const ref of refs) {
      const f = model.fields.get(ref.name);
      if (!f) {
        diagnostics.error(
          'unknown-field-reference',
          `Field '${ref.name}' in ${what} does not exist on model '${model.name}'`,
          ref.span,
        );
        ok = false;
      } else if (f.kind === 'relation') {
        diagnostics.error(
          'invalid-argument',
          `Field '${ref.name}' in ${what} is a relation field; name its foreign-key fields instead`,
          ref.span,
        );
        ok = false;
      }
    }
    return ok ? refs.map((r) => r.name) : undefined;
  };
  if (idFields[0]) {
    def.idFields = [idFields[0].name];
    idFields[0].def.id = true;
  } else if (atAtId) {
    const fields = fieldRefs(atAtId.args.get('fields') as ExprNode, '@@id');
    if (fields) {
      def.idFields = fields;
      for (const name of fields) {
        const f = model.fields.get(name);
        if (!f) continue;
        if (f.optional || f.list || f.kind === 'unsupported') {
          diagnostics.error(
            'invalid-id-field',
            `Field '${name}' of model '${model.name}' cannot be part of @@id: it must be required and not a list`,
            atAtId.node.nameSpan,
          );
        }
        f.def.id = true;
      }
    }
  }
  if (def.idFields.length > 0) model.keys.push(def.idFields);
  const uniques: { name: string; fields: string[]; dbName?: string }[] = [];
  for (const f of model.fields.values()) {
    const u = attr(f.attributes, '@unique');
    if (!u || !f.def.unique) continue;
    if (def.idFields.length === 1 && def.idFields[0] === f.name) continue;
    const map = u.args.get('map');
    const dbName = map === undefined ? undefined : asString(map, `'map' of '@unique'`, diagnostics);
    uniques.push({ name: f.name, fields: [f.name], ...(dbName === undefined ? {} : { dbName }) });
  }
  const indexes: { name?: string; fields: string[] }[] = [];
  for (const a of model.attributes) {
    if (a.node.name !== '@@unique' && a.node.name !== '@@index') continue;
    const fields = fieldRefs(a.args.get('fields') as ExprNode, a.node.name);
    if (!fields) continue;
    const nameNode = a.args.get('name');
    const mapNode = a.args.get('map');
    const name =
      nameNode === undefined
        ? undefined
        : asString(nameNode, `'name' of '${a.node.name}'`, diagnostics);
    const dbName =
      mapNode === undefined
        ? undefined
        : asString(mapNode, `'map' of '${a.node.name}'`, diagnostics);
    if (a.node.name === '@@unique') {
      uniques.push({
        name: name ?? fields.join('_'),
        fields,
        ...(dbName === undefined ? {} : { dbName }),
      });
    } else {
      const indexName = name ?? dbName;
      indexes.push({ ...(indexName === undefined ? {} : { name: indexName }), fields });
    }
  }
  def.uniques = uniques;
  def.indexes = indexes;
  for (const u of uniques) model.keys.push(u.fields);
  const map = attr(model.attributes, '@@map');
  if (map) {
    const v = asString(map.args.get('name') as ExprNode, `The name in '@@map'`, diagnostics);
    if (v !== undefined) def.dbName = v;
  }
  model.auth = attr(model.attributes, '@@auth') !== undefined;
  if (!model.flat.abstract && def.idFields.length === 0 && !idFields[0] && !atAtId) {
    diagnostics.error(
      'missing-id',
      `Model '${model.name}' has no id: mark a field with @id or add @@id([...])`,
      model.flat.decl.name.span,
    );
  }
}
