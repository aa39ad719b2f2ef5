import { seededRandom } from '@warden/test-kit';
import type { Expr, PolicyRule, SchemaDef } from '@warden/schema';
import {
  allow,
  arr,
  auth,
  authOf,
  bin,
  call,
  deny,
  enumField,
  enumVal,
  fld,
  lit,
  mem,
  model,
  not,
  nul,
  scalar,
  self,
} from './fixtures.js';

/**
 * Seeded random policy rules over a small model, with brute-force domains that are complete
 * for the predicates used: integers within 4 of every constant (at most 3 variables are related,
 * so order-preserving compression keeps a solution in that window), rationals on a grid that
 * splits every gap between those points, strings built from the literals around a fresh `#`,
 * enum values, and null for optional fields.
 */

export const prng = seededRandom;

type Sort = 'bool' | 'int' | 'float' | 'bigint' | 'date' | 'string' | 'enum' | 'list';

interface VarSpec {
  readonly name: string;
  readonly sort: Sort;
  readonly nullable: boolean;
  readonly expr: Expr;
}

const owner = fld('Item', 'owner');
const VARS: readonly VarSpec[] = [
  { name: 'flag', sort: 'bool', nullable: true, expr: fld('Item', 'flag') },
  { name: 'n', sort: 'int', nullable: true, expr: fld('Item', 'n') },
  { name: 'm', sort: 'int', nullable: false, expr: fld('Item', 'm') },
  { name: 'f', sort: 'float', nullable: true, expr: fld('Item', 'f') },
  { name: 'big', sort: 'bigint', nullable: false, expr: fld('Item', 'big') },
  { name: 'd', sort: 'date', nullable: false, expr: fld('Item', 'd') },
  { name: 's', sort: 'string', nullable: true, expr: fld('Item', 's') },
  { name: 't', sort: 'string', nullable: false, expr: fld('Item', 't') },
  { name: 'e', sort: 'enum', nullable: true, expr: fld('Item', 'e') },
  { name: 'ownerId', sort: 'int', nullable: true, expr: fld('Item', 'ownerId') },
  { name: 'owner.role', sort: 'string', nullable: false, expr: mem(owner, 'role', 'User') },
  { name: 'owner.level', sort: 'int', nullable: true, expr: mem(owner, 'level', 'User') },
];
const TAGS: VarSpec = { name: 'tags', sort: 'list', nullable: false, expr: fld('Item', 'tags') };
const COLORS = ['Red', 'Green', 'Blue'];
const INT_POOL = [-3, -2, -1, 0, 1, 2, 3];
const FLOAT_POOL = [-1.5, 0, 0.25, 2, 2.5];
const BIG_POOL = [0n, 5n, -(2n ** 62n), 2n ** 62n, 2n ** 63n - 1n, 2n ** 70n];
const DATE_POOL = [0, 3, 1000, -5];
const STRING_POOL = ['a', 'ab', 'ba', 'b', 'Writer', ''];
const INT32 = [-(2 ** 31), 2 ** 31 - 1];
const INT64 = [-(2n ** 63n), 2n ** 63n - 1n];

export function testSchema(itemRules: PolicyRule[]): SchemaDef {
  const userRules = [
    allow(
      ['read'],
      bin('||', bin('==', fldU('role'), lit('Writer')), bin('>', fldU('level'), lit(1))),
      "role == 'Writer' || level > 1",
    ),
    deny(['read'], bin('<', fldU('level'), lit(0)), 'level < 0'),
    allow(['update'], bin('>=', fldU('level'), lit(2)), 'level >= 2'),
  ];
  return {
    provider: 'sqlite',
    authModel: 'User',
    enums: { Color: { name: 'Color', values: COLORS } },
    models: {
      User: model(
        'User',
        [
          scalar('id', 'Int', { id: true }),
          scalar('role', 'String'),
          scalar('level', 'Int', { optional: true }),
          scalar('since', 'DateTime', { optional: true }),
          {
            ...scalar('items', 'Item', { list: true }),
            kind: 'relation',
            relation: { name: 'ItemToUser', kind: 'one-to-many', model: 'Item', opposite: 'owner' },
          },
        ],
        userRules,
      ),
      Note: model('Note', [scalar('id', 'Int', { id: true }), scalar('done', 'Boolean')]),
      Item: model(
        'Item',
        [
          scalar('id', 'Int', { id: true }),
          scalar('flag', 'Boolean', { optional: true }),
          scalar('n', 'Int', { optional: true }),
          scalar('m', 'Int'),
          scalar('f', 'Float', { optional: true }),
          scalar('big', 'BigInt'),
          scalar('d', 'DateTime'),
          scalar('s', 'String', { optional: true }),
          scalar('t', 'String'),
          enumField('e', 'Color', { optional: true }),
          scalar('ownerId', 'Int', { optional: true }),
          {
            ...scalar('owner', 'User', { optional: true }),
            kind: 'relation',
            relation: {
              name: 'ItemToUser',
              kind: 'many-to-one',
              model: 'User',
              opposite: 'items',
              fields: ['ownerId'],
              references: ['id'],
            },
          },
          scalar('tags', 'String', { list: true }),
          {
            ...scalar('notes', 'Note', { list: true }),
            kind: 'relation',
            relation: { name: 'ItemToNote', kind: 'one-to-many', model: 'Note', opposite: 'item' },
          },
        ],
        itemRules,
      ),
    },
  };
}

function fldU(name: string): Expr {
  return fld('User', name);
}

export interface RuleCase {
  readonly schema: SchemaDef;
  readonly rules: PolicyRule[];
  readonly user: Record<string, unknown> | null;
  readonly where?: Record<string, unknown>;
  /** Variables to enumerate with their domains (null included where allowed). */
  readonly domains: ReadonlyMap<string, readonly unknown[]>;
  /** Opaque sub-expressions (collection predicates) to enumerate as TRUE/FALSE/UNKNOWN. */
  readonly opaque: readonly string[];
  readonly usesNow: boolean;
  readonly text: string;
}

interface Consts {
  ints: Set<number>;
  floats: Set<number>;
  bigs: Set<bigint>;
  dates: Set<number>;
  strings: Set<string>;
}

/** A random case; `exactOnly` keeps to features the checker claims to decide exactly. */
export function randomCase(seed: number, exactOnly: boolean): RuleCase {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const c: Consts = {
    ints: new Set(),
    floats: new Set(),
    bigs: new Set(),
    dates: new Set(),
    strings: new Set(),
  };
  const strings = [...STRING_POOL].sort(() => r() - 0.5).slice(0, 2 + Math.floor(r() * 2));
  const pickString = () => {
    const s = pick(strings);
    c.strings.add(s);
    return s;
  };
  const pickInt = () => {
    const v = r() < 0.06 ? pick(INT32) : pick(INT_POOL);
    c.ints.add(v);
    return v;
  };
  let user: Record<string, unknown> | null = null;
  if (r() >= 0.2) {
    user = { id: pickInt() };
    if (r() < 0.85) user.role = pickString();
    if (r() < 0.75) user.level = pickInt();
    if (r() < 0.6) user.since = new Date(pick(DATE_POOL));
  }
  if (user?.since instanceof Date) c.dates.add(user.since.getTime());
  // The auth collection parts draw from their own stream, so the other parts of a seed's case
  // stay as they were before collections over auth() were added.
  const rc = prng(seed ^ 0x5bd1e995);
  if (user) {
    const items = authList(rc, () => authItem(rc, c));
    if (items !== undefined) user.items = items;
  }
  const nVars = 1 + Math.floor(r() * 3);
  const chosen: VarSpec[] = [];
  while (chosen.length < nVars) {
    const v = pick(VARS);
    if (!chosen.includes(v)) chosen.push(v);
  }
  const opaque: string[] = [];
  let usesNow = false;
  let usesCheck = false;
  let usesTags = false;
  const literal = (sort: Sort): Expr => {
    switch (sort) {
      case 'int':
        return lit(pickInt());
      case 'float': {
        const v = pick(FLOAT_POOL);
        c.floats.add(v);
        return lit(v);
      }
      case 'bigint': {
        const v = pick(BIG_POOL);
        c.bigs.add(v);
        return lit(v);
      }
      case 'date': {
        const v = pick(DATE_POOL);
        c.dates.add(v);
        return lit(new Date(v).toISOString());
      }
      case 'string':
        return lit(pickString());
      case 'enum':
        return r() < 0.5 ? enumVal('Color', pick(COLORS)) : lit(pick(COLORS));
      case 'bool':
        return lit(r() < 0.5);
      case 'list':
        return lit('x');
    }
  };
  const ORD = ['<', '<=', '>', '>='] as const;
  const EQ = ['==', '!='] as const;
  const ordered = (s: Sort) => s === 'int' || s === 'float' || s === 'bigint' || s === 'date';
  const opFor = (s: Sort) => (ordered(s) && r() < 0.6 ? pick(ORD) : pick(EQ));
  const compatible = (a: Sort, b: Sort) =>
    a === b || ((a === 'int' || a === 'float') && (b === 'int' || b === 'float'));
  const authFor = (s: Sort): Expr | undefined =>
    s === 'int' || s === 'float'
      ? authOf(r() < 0.5 ? 'id' : 'level')
      : s === 'string'
        ? authOf('role')
        : s === 'date'
          ? authOf('since')
          : undefined;

  const atomExpr = (): Expr => {
    if (rc() < 0.1) return authCollection(rc, chosen, c);
    const v = pick(chosen);
    const roll = r();
    if (!exactOnly && roll < 0.12) {
      const kind = Math.floor(r() * 5);
      if (kind === 0) {
        const e: Expr = {
          kind: 'collection',
          quantifier: pick(['some', 'every', 'none'] as const),
          collection: fld('Item', 'notes'),
          predicate: fld('Note', 'done'),
        };
        opaque.push(JSON.stringify(e));
        return e;
      }
      if (kind === 1) {
        usesNow = true;
        return bin(pick(ORD), call('now'), VARS[5]!.expr);
      }
      if (kind === 2 && v.sort === 'string') return bin(pick(ORD), v.expr, literal('string'));
      if (kind === 3 && v.sort === 'string')
        return call('contains', v.expr, lit(pickString().toUpperCase()), lit(true));
      usesTags = true;
      return call('has', TAGS.expr, lit(pick(['x', 'y'])));
    }
    if (roll < 0.4) return bin(opFor(v.sort), v.expr, literal(v.sort));
    if (roll < 0.5) {
      const other = chosen.find((o) => o !== v && compatible(o.sort, v.sort));
      if (other) return bin(opFor(v.sort), v.expr, other.expr);
    }
    if (roll < 0.6) {
      const a = authFor(v.sort);
      if (a) return r() < 0.5 ? bin(opFor(v.sort), v.expr, a) : bin(opFor(v.sort), a, v.expr);
    }
    if (roll < 0.67 && (v.nullable || v.name.startsWith('owner.')))
      return bin(pick(EQ), v.expr, nul);
    if (roll < 0.75 && v.sort === 'string')
      return call(pick(['contains', 'startsWith', 'endsWith'] as const), v.expr, lit(pickString()));
    // No date lists: ZModel has no date literals, and the enforcement oracle does not read
    // ISO texts inside `in` lists as dates (the checker does), so they would only add noise.
    if (roll < 0.8 && v.sort !== 'bool' && v.sort !== 'list' && v.sort !== 'date')
      return bin('in', v.expr, arr(literal(v.sort), literal(v.sort)));
    if (roll < 0.84 && v.sort === 'bool') return v.expr;
    if (roll < 0.9) {
      const k = Math.floor(r() * 5);
      if (k === 0) return bin(pick(EQ), auth, nul);
      if (k === 1) return bin(pick(ORD), authOf('level'), lit(pickInt()));
      if (k === 2) return bin(pick(EQ), authOf('role'), lit(pickString()));
      if (k === 3) return not(bin(pick(ORD), authOf('level'), lit(pickInt())));
      return bin(pick(EQ), authOf('since'), literal('date'));
    }
    if (roll < 0.95 && chosen.some((o) => o.name.startsWith('owner')))
      return bin(pick(EQ), owner, auth);
    if (
      chosen.length <= 2 &&
      chosen.every((o) => o.name.startsWith('owner') || o.sort !== 'string')
    ) {
      usesCheck = true;
      return r() < 0.7 ? call('check', owner) : call('check', owner, lit('update'));
    }
    return bin(opFor(v.sort), v.expr, literal(v.sort));
  };
  const cond = (depth: number): Expr => {
    const roll = r();
    if (depth === 0 || roll < 0.3) return atomExpr();
    if (roll < 0.55) return bin('&&', cond(depth - 1), cond(depth - 1));
    if (roll < 0.85) return bin('||', cond(depth - 1), cond(depth - 1));
    return not(cond(depth - 1));
  };
  const rules: PolicyRule[] = [];
  const nRules = 1 + Math.floor(r() * 3);
  for (let i = 0; i < nRules; i++) {
    const e = cond(1 + Math.floor(r() * 3));
    const text = exprText(e);
    rules.push(i === 0 || r() < 0.5 ? allow(['read'], e, text) : deny(['read'], e, text));
  }
  const where = r() < 0.35 ? randomWhere(r, pick(chosen), pickInt, pickString) : undefined;
  if (where) collectWhereConsts(where, c);

  if (usesCheck) {
    // The User rules that check(owner) inlines compare with these.
    [0, 1, 2].forEach((i) => c.ints.add(i));
    c.strings.add('Writer');
  }
  const enumerated = new Set(chosen.map((v) => v.name));
  if (usesCheck) ['ownerId', 'owner.role', 'owner.level'].forEach((n) => enumerated.add(n));
  if ([...enumerated].some((n) => n.startsWith('owner.'))) enumerated.add('ownerId');
  const domains = new Map<string, readonly unknown[]>();
  for (const v of VARS) if (enumerated.has(v.name)) domains.set(v.name, domainOf(v, c));
  if (usesTags) domains.set('tags', [[], ['x'], ['y'], ['x', 'y']]);
  if (usesNow) domains.set('now', domainOf({ ...VARS[5]!, nullable: false }, c));
  const text =
    rules.map((x) => `@@${x.kind}('read', ${x.source})`).join(' ') +
    (where ? ` where ${whereText(where)}` : '') +
    ` user ${whereText(user)}`;
  return { schema: testSchema(rules), rules, user, where, domains, opaque, usesNow, text };
}

/**
 * A to-many member of the user object as a test may give it: absent (UNKNOWN), `null`
 * (UNKNOWN too), an explicit empty list, or a few elements.
 */
function authList<T>(r: () => number, element: () => T): T[] | null | undefined {
  const roll = r();
  if (roll < 0.3) return undefined;
  if (roll < 0.38) return null;
  if (roll < 0.55) return [];
  return Array.from({ length: 1 + Math.floor(r() * 2) }, element);
}

/** An element of `auth().items`: each member may be missing, `notes` included. */
function authItem(r: () => number, c: Consts): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const int = () => {
    const v = INT_POOL[Math.floor(r() * INT_POOL.length)]!;
    c.ints.add(v);
    return v;
  };
  if (r() < 0.7) item.n = r() < 0.15 ? null : int();
  if (r() < 0.75) item.m = int();
  if (r() < 0.6) item.flag = r() < 0.5;
  const notes = authList(r, () => (r() < 0.8 ? { done: r() < 0.5 } : {}));
  if (notes !== undefined) item.notes = notes;
  return item;
}

/**
 * `auth().items?[..]` / `![..]` / `^[..]`: a predicate on the elements (constants), which may
 * compare them with the rule's row through `this`, and may quantify over an element's notes.
 */
function authCollection(r: () => number, chosen: readonly VarSpec[], c: Consts): Expr {
  const q = (): 'some' | 'every' | 'none' =>
    (['some', 'every', 'none'] as const)[Math.floor(r() * 3)]!;
  const int = () => {
    const v = INT_POOL[Math.floor(r() * INT_POOL.length)]!;
    c.ints.add(v);
    return v;
  };
  const rowInts = chosen.filter((v) => !v.name.includes('.') && v.sort === 'int');
  const leaf = (): Expr => {
    const roll = r();
    const field = fld('Item', r() < 0.5 ? 'n' : 'm');
    const ops = ['==', '!=', '<', '<=', '>', '>='] as const;
    const op = ops[Math.floor(r() * ops.length)]!;
    if (roll < 0.35 && rowInts.length > 0) {
      const v = rowInts[Math.floor(r() * rowInts.length)]!;
      return bin(op, field, mem(self, v.name, 'Item'));
    }
    if (roll < 0.6) return bin(op, field, lit(int()));
    if (roll < 0.75) return fld('Item', 'flag');
    if (roll < 0.85 && chosen.some((v) => v.name === 'flag'))
      return bin('==', fld('Item', 'flag'), mem(self, 'flag', 'Item'));
    return {
      kind: 'collection',
      quantifier: q(),
      collection: fld('Item', 'notes'),
      predicate: r() < 0.7 ? fld('Note', 'done') : not(fld('Note', 'done')),
    };
  };
  const roll = r();
  const predicate =
    roll < 0.6 ? leaf() : roll < 0.8 ? bin(r() < 0.5 ? '&&' : '||', leaf(), leaf()) : not(leaf());
  return { kind: 'collection', quantifier: q(), collection: authOf('items'), predicate };
}

function randomWhere(
  r: () => number,
  v: VarSpec,
  pickInt: () => number,
  pickString: () => string,
): Record<string, unknown> {
  const roll = r();
  const nullable = v.nullable && r() < 0.15;
  switch (v.name) {
    case 'owner.role':
      return { owner: { role: pickString() } };
    case 'owner.level':
      return { owner: { level: pickInt() } };
    case 'ownerId':
      return roll < 0.4 ? { owner: { id: pickInt() } } : { ownerId: nullable ? null : pickInt() };
  }
  if (nullable) return { [v.name]: null };
  switch (v.sort) {
    case 'int':
      return {
        [v.name]:
          roll < 0.3
            ? pickInt()
            : roll < 0.5
              ? { gt: pickInt() }
              : roll < 0.7
                ? { lte: pickInt() }
                : roll < 0.85
                  ? { in: [pickInt(), pickInt()] }
                  : { not: pickInt() },
      };
    case 'float':
      return { [v.name]: roll < 0.5 ? 0.25 : { lt: 2 } };
    case 'string':
      return {
        [v.name]:
          roll < 0.3
            ? pickString()
            : roll < 0.5
              ? { startsWith: pickString() }
              : roll < 0.75
                ? { contains: pickString() }
                : { not: pickString() },
      };
    case 'bool':
      return { [v.name]: roll < 0.5 };
    case 'enum':
      return { [v.name]: roll < 0.5 ? 'Red' : { in: ['Green', 'Blue'] } };
    case 'date':
      return { [v.name]: roll < 0.5 ? new Date(3) : { gte: new Date(1000) } };
    case 'bigint':
      return { [v.name]: roll < 0.5 ? 5n : { gt: 2n ** 62n } };
    case 'list':
      return {};
  }
}

function collectWhereConsts(w: unknown, c: Consts): void {
  if (typeof w === 'number') (Number.isInteger(w) ? c.ints : c.floats).add(w);
  else if (typeof w === 'bigint') c.bigs.add(w);
  else if (typeof w === 'string') c.strings.add(w);
  else if (w instanceof Date) c.dates.add(w.getTime());
  else if (w !== null && typeof w === 'object')
    Object.values(w).forEach((x) => collectWhereConsts(x, c));
}

function window<T extends number | bigint>(cs: Iterable<T>, lo: T, hi: T, fallback: T[]): T[] {
  const out = new Set<T>(fallback);
  for (const x of cs) {
    for (let d = -4; d <= 4; d++) {
      const v = (typeof x === 'bigint' ? x + BigInt(d) : (x as number) + d) as T;
      if (v >= lo && v <= hi) out.add(v);
    }
  }
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function intDomain(c: Consts): number[] {
  const anchors = [...c.ints, ...[...c.floats].flatMap((f) => [Math.floor(f), Math.ceil(f)])];
  return window(anchors, INT32[0]!, INT32[1]!, anchors.length ? [] : [-1, 0, 1]);
}

function domainOf(v: VarSpec, c: Consts): unknown[] {
  let values: unknown[];
  switch (v.sort) {
    case 'bool':
      values = [true, false];
      break;
    case 'enum':
      values = [...COLORS];
      break;
    case 'int':
      values = intDomain(c);
      break;
    case 'bigint':
      values = window(
        [...c.bigs].map((b) => (b < INT64[0]! ? INT64[0]! : b > INT64[1]! ? INT64[1]! : b)),
        INT64[0]!,
        INT64[1]!,
        c.bigs.size ? [] : [0n],
      );
      break;
    case 'date':
      values = window(c.dates, -8.64e15, 8.64e15, c.dates.size ? [] : [0]).map(
        (ms) => new Date(ms),
      );
      break;
    case 'float': {
      const base = [...new Set([...c.floats, ...intDomain(c)])].sort((a, b) => a - b);
      const out = new Set(base);
      for (let i = 0; i + 1 < base.length; i++)
        for (let j = 1; j < 4; j++) out.add(base[i]! + ((base[i + 1]! - base[i]!) * j) / 4);
      for (let j = 1; j < 4; j++) out.add(base[0]! - j).add(base[base.length - 1]! + j);
      values = [...out];
      break;
    }
    case 'string':
      values = stringDomain([...c.strings]);
      break;
    case 'list':
      values = [[]];
      break;
  }
  return v.nullable ? [null, ...values] : values;
}

/** Literals, their concatenations, and `prefix #.. infix# suffix` shapes around a fresh `#`. */
function stringDomain(lits: string[]): string[] {
  const out = new Set<string>(['', '#', ...lits]);
  const parts = ['', ...new Set(lits.filter((l) => l !== ''))];
  for (const a of parts) for (const b of parts) out.add(a + b);
  for (const p of parts)
    for (const s of parts)
      for (const m of parts)
        for (const j of [1, 2]) out.add(p + '#'.repeat(j) + (m === '' ? '' : `${m}#`) + s);
  return [...out];
}

export function exprText(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'object' ? `${e.value.bigint}n` : JSON.stringify(e.value);
    case 'null':
      return 'null';
    case 'this':
      return 'this';
    case 'auth':
      return 'auth()';
    case 'future':
      return 'future()';
    case 'field':
      return e.name;
    case 'member':
      return `${exprText(e.object)}.${e.name}`;
    case 'enum':
      return e.value;
    case 'array':
      return `[${e.items.map(exprText).join(', ')}]`;
    case 'unary':
      return `!(${exprText(e.operand)})`;
    case 'binary':
      return `(${exprText(e.left)} ${e.op} ${exprText(e.right)})`;
    case 'collection':
      return `${exprText(e.collection)}${e.quantifier === 'some' ? '?' : e.quantifier === 'every' ? '!' : '^'}[${exprText(e.predicate)}]`;
    case 'call':
      return `${e.name}(${e.args.map(exprText).join(', ')})`;
  }
}

function whereText(w: unknown): string {
  return JSON.stringify(w, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}
