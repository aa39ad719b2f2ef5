// Writes a synthetic N-model schema (the generator's `as const satisfies SchemaDef` form) and a
// usage file exercising the typed client on every model, for the type-check benchmark.

const SCALARS = [
  ['str', 'String', {}],
  ['strOpt', 'String', { optional: true }],
  ['email', 'String', { unique: true }],
  ['int', 'Int', {}],
  ['big', 'BigInt', { default: { kind: 'value', value: 0 } }],
  ['float', 'Float', { optional: true }],
  ['dec', 'Decimal', { optional: true }],
  ['bool', 'Boolean', { default: { kind: 'value', value: false } }],
  ['dt', 'DateTime', { default: { kind: 'function', name: 'now' } }],
  ['upd', 'DateTime', { updatedAt: true }],
  ['json', 'Json', { optional: true }],
  ['bytes', 'Bytes', { optional: true }],
  ['labels', 'String', { list: true }],
  ['secret', 'String', { optional: true, omit: true }],
] as const;

const ENUMS = 10;

const modelName = (i: number, n: number): string => `Entity${((i % n) + n) % n}`;

function field(
  name: string,
  type: string,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  return { name, dbName: name, kind: 'scalar', type, optional: false, list: false, ...extra };
}

function modelDef(i: number, n: number): Record<string, unknown> {
  const name = modelName(i, n);
  const owner = modelName(i - 1, n);
  const child = modelName(i + 1, n);
  const tagged = modelName(i + 7, n);
  const tagger = modelName(i - 7, n);
  const ownerOptional = i % 2 === 0;
  const fields: Record<string, unknown> = {
    id: field('id', 'Int', { id: true, default: { kind: 'function', name: 'autoincrement' } }),
  };
  for (const [f, type, extra] of SCALARS) fields[f] = field(f, type, extra);
  fields.kind = {
    ...field('kind', `Kind${i % ENUMS}`, { default: { kind: 'enum', value: 'A' } }),
    kind: 'enum',
  };
  fields.ownerId = field('ownerId', 'Int', { optional: ownerOptional, foreignKeyOf: ['owner'] });
  fields.owner = {
    ...field('owner', owner, { optional: ownerOptional }),
    kind: 'relation',
    relation: {
      name: `${owner}To${name}`,
      kind: 'many-to-one',
      model: owner,
      opposite: 'children',
      fields: ['ownerId'],
      references: ['id'],
    },
  };
  fields.children = {
    ...field('children', child, { list: true }),
    kind: 'relation',
    relation: { name: `${name}To${child}`, kind: 'one-to-many', model: child, opposite: 'owner' },
  };
  fields.tags = {
    ...field('tags', tagged, { list: true }),
    kind: 'relation',
    relation: {
      name: `Tags${name}${tagged}`,
      kind: 'many-to-many',
      model: tagged,
      opposite: 'taggedBy',
      joinTable: { name: `_Tags${name}${tagged}`, column: 'A', otherColumn: 'B' },
    },
  };
  fields.taggedBy = {
    ...field('taggedBy', tagger, { list: true }),
    kind: 'relation',
    relation: {
      name: `Tags${tagger}${name}`,
      kind: 'many-to-many',
      model: tagger,
      opposite: 'tags',
      joinTable: { name: `_Tags${tagger}${name}`, column: 'B', otherColumn: 'A' },
    },
  };
  return {
    name,
    dbName: name,
    fields,
    idFields: ['id'],
    uniques: [
      { name: 'email', fields: ['email'] },
      { name: 'str_int', fields: ['str', 'int'] },
    ],
    indexes: [],
    policies: [],
    validations: [],
  };
}

/** The schema module: `export const schema = {...} as const satisfies SchemaDef`. */
export function schemaSource(n: number, schemaImport: string): string {
  const enums: Record<string, unknown> = {};
  for (let e = 0; e < ENUMS; e++)
    enums[`Kind${e}`] = { name: `Kind${e}`, values: ['A', 'B', 'C', 'D'] };
  const models: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) models[modelName(i, n)] = modelDef(i, n);
  const body = JSON.stringify({ provider: 'postgresql', enums, models }, null, 2);
  return `import type { SchemaDef } from '${schemaImport}';\n\nexport const schema = ${body} as const satisfies SchemaDef;\n`;
}

function usageFor(i: number, n: number): string {
  const d = `db.${modelName(i, n).replace(/^E/, 'e')}`;
  const child = modelName(i + 1, n);
  const childOwnerOptional = (i + 1) % 2 === 0;
  return `
export async function use${i}(db: Db) {
  const list = await ${d}.findMany({
    where: {
      str: { contains: 'x', mode: 'insensitive' },
      int: { gte: 1, not: 5 },
      owner: { is: { bool: true } },
      children: { some: { dt: { lt: new Date() } } },
      tags: { none: { email: { endsWith: '.org' } } },
      labels: { has: 'a' },
      OR: [{ dec: { gt: 1 } }, { big: 2n }, { kind: { in: ['A', 'B'] } }],
    },
    include: {
      owner: { select: { id: true, str: true, owner: { select: { email: true } } } },
      children: { take: 5, orderBy: { int: 'desc' }, where: { bool: false } },
      _count: true,
    },
    orderBy: [{ dt: 'desc' }, { owner: { str: 'asc' } }],
    take: 10,
  });
  const first = list[0];
  if (first) {
    const s: string = first.str;
    const c: number = first._count.children;
    const k: 'A' | 'B' | 'C' | 'D' = first.kind;
    void [s, c, k, first.children[0]?.int];
  }
  const one = await ${d}.findUnique({
    where: { str_int: { str: 'a', int: 1 } },
    select: { email: true, secret: true, tags: { select: { id: true, labels: true } } },
  });
  const two = await ${d}.findFirstOrThrow({ where: { email: 'a@b.c' }, omit: { json: true } });
  const created = await ${d}.create({
    data: {
      str: 'x',
      email: 'e',
      int: 1,
      labels: ['a'],
      dec: '1.5',
      dt: '2020-01-01',
      ${i % 2 === 0 ? '' : 'owner: { connect: { id: 1 } },'}
      children: {
        create: [{ str: 'c', email: 'c', int: 2, big: 3n }],
        connect: [{ id: 9 }],
      },
      tags: { connectOrCreate: { where: { email: 't' }, create: { str: 't', email: 't', int: 3${(i + 7) % 2 === 0 ? '' : ', ownerId: 1'} } } },
    },
    include: { children: true },
  });
  const updated = await ${d}.update({
    where: { id: 1 },
    data: {
      int: { increment: 1 },
      labels: { push: 'b' },
      strOpt: null,
      children: { updateMany: { where: { int: 2 }, data: { bool: true } }, deleteMany: { str: 'old' } },
      owner: { ${i % 2 === 0 ? 'disconnect: true' : "update: { str: 'o' }"} },
    },
    select: { id: true, upd: true },
  });
  const upserted = await ${d}.upsert({
    where: { email: 'u' },
    create: { str: 'u', email: 'u', int: 1${i % 2 === 0 ? '' : ', ownerId: 2'} },
    update: { str: 'v' },
  });
  const groups = await ${d}.groupBy({ by: ['kind', 'bool'], _count: { _all: true }, _sum: { int: true }, having: { int: { _avg: { gt: 1 } } } });
  const agg = await ${d}.aggregate({ where: { bool: true }, _avg: { float: true }, _max: { dt: true }, _count: true });
  const total = await ${d}.count({ where: { taggedBy: { some: { int: 1 } } } });
  const many = await ${d}.createMany({ data: [{ str: 'a', email: 'a', int: 1${i % 2 === 0 ? '' : ', ownerId: 1'} }] });
  const child: ${JSON.stringify(child)} = ${JSON.stringify(child)};
  void [${childOwnerOptional}, child];
  return [list, one, two, created.children.length, updated.upd, upserted.id, groups[0]?._sum.int, agg._max.dt, total, many.count] as const;
}
`;
}

/** The usage module: one function per model (the first `models` models) calling many operations. */
export function usageSource(n: number, models: number, clientImport: string): string {
  let out = `import type { WardenClient } from '${clientImport}';\nimport type { schema } from './schema.js';\n\ntype Db = WardenClient<typeof schema>;\n`;
  for (let i = 0; i < models; i++) out += usageFor(i, n);
  return out;
}
