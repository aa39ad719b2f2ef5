/** Seeded generators for the differential test: rules (as ZModel text), data and users. */
import { seededRandom } from '@warden/test-kit';

export type Rng = () => number;

export const rng: (seed: number) => Rng = seededRandom;

export const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

const STRINGS = ["'a'", "'b'", "'ab'", "'B'", "''"];
const INTS = ['-1', '0', '1', '2', '3', '5'];
const CMP = ['==', '!=', '<', '<=', '>', '>='];

type ModelName = 'User' | 'B' | 'C';

/** A condition on a row of `model`; `depth` bounds nesting. */
export function randomCondition(r: Rng, model: ModelName, depth: number): string {
  const leaf = (): string => {
    const options: (() => string)[] = [
      () => `auth() ${pick(r, ['==', '!='])} null`,
      () => `auth().level ${pick(r, CMP)} ${pick(r, INTS)}`,
      () => `auth().role ${pick(r, ['==', '!='])} ${pick(r, STRINGS)}`,
      () => `contains(auth().role, ${pick(r, STRINGS)})`,
      () => authBsCondition(r, model),
    ];
    if (model === 'User') {
      options.push(
        () => `auth() ${pick(r, ['==', '!='])} this`,
        () => `level ${pick(r, CMP)} ${pick(r, INTS)}`,
        () => `level ${pick(r, CMP)} auth().level`,
        () => `role ${pick(r, ['==', '!='])} auth().role`,
        () => `role == null`,
        () => `startsWith(role, ${pick(r, STRINGS)})`,
        () => `contains(role, ${pick(r, STRINGS)}, ${pick(r, ['true', 'false'])})`,
      );
    }
    if (model === 'B') {
      options.push(
        () => `n ${pick(r, CMP)} ${pick(r, INTS)}`,
        () => `n ${pick(r, CMP)} auth().level`,
        () => `n ${pick(r, ['==', '!='])} null`,
        () => `s ${pick(r, ['==', '!=', '<', '>='])} ${pick(r, STRINGS)}`,
        () => `flag`,
        () => `flag == ${pick(r, ['true', 'false'])}`,
        () => `owner ${pick(r, ['==', '!='])} auth()`,
        () => `owner == null`,
        () => `owner.level ${pick(r, CMP)} ${pick(r, INTS)}`,
        () => `owner.role == auth().role`,
        () => `s in [${pick(r, STRINGS)}, ${pick(r, STRINGS)}]`,
        () => `n in [${pick(r, INTS)}, ${pick(r, INTS)}]`,
        () => `${pick(r, ['startsWith', 'endsWith'])}(s, ${pick(r, STRINGS)})`,
        () => `contains(s, ${pick(r, STRINGS)}${pick(r, ['', ', true', ', false'])})`,
        () => `has(tags, ${pick(r, STRINGS)})`,
        () => `hasSome(tags, [${pick(r, STRINGS)}, ${pick(r, STRINGS)}])`,
        () => `hasEvery(tags, [${pick(r, STRINGS)}])`,
        () => `isEmpty(tags)`,
        () => `dt ${pick(r, ['<', '>'])} now()`,
        () => `check(owner)`,
        () => `currentOperation() == 'read'`,
      );
    }
    if (model === 'C') {
      options.push(
        () => `n ${pick(r, CMP)} ${pick(r, INTS)}`,
        () => `s ${pick(r, ['==', '!='])} ${pick(r, STRINGS)}`,
        () => `b.n ${pick(r, CMP)} ${pick(r, INTS)}`,
        () => `b.owner == auth()`,
        () => `b.owner.level ${pick(r, CMP)} auth().level`,
        () => `b == null`,
        () => `check(b)`,
      );
    }
    return pick(r, options)();
  };
  const collection = (): string | undefined => {
    const q = pick(r, ['?', '!', '^']);
    if (model === 'User') return `bs${q}[${randomCondition(r, 'B', depth - 1)}]`;
    if (model === 'B') return `cs${q}[${randomCondition(r, 'C', depth - 1)}]`;
    return `b.cs${q}[${randomCondition(r, 'C', depth - 1)}]`;
  };
  const x = r();
  if (depth <= 0 || x < 0.45) return leaf();
  if (x < 0.6) return `!(${randomCondition(r, model, depth - 1)})`;
  if (x < 0.75)
    return `(${randomCondition(r, model, depth - 1)} && ${randomCondition(r, model, depth - 1)})`;
  if (x < 0.9)
    return `(${randomCondition(r, model, depth - 1)} || ${randomCondition(r, model, depth - 1)})`;
  return collection() ?? leaf();
}

const QUANTIFIERS = ['?', '!', '^'];

/**
 * `auth().bs?[..]` and friends: the user object's list (which may be absent, `null`, empty or
 * given), its elements' members (which may be absent), an element's own `cs` list, and the
 * rule's row through `this`.
 */
function authBsCondition(r: Rng, model: ModelName): string {
  const own = model === 'User' ? 'level' : 'n';
  const leaf = (): string =>
    pick(r, [
      () => `n ${pick(r, CMP)} ${pick(r, INTS)}`,
      () => `n ${pick(r, CMP)} this.${own}`,
      () => `s == ${pick(r, STRINGS)}`,
      () => `flag`,
      () => `!flag`,
      () => `cs${pick(r, QUANTIFIERS)}[n ${pick(r, CMP)} ${pick(r, INTS)}]`,
    ])();
  const body = r() < 0.7 ? leaf() : `(${leaf()} ${pick(r, ['&&', '||'])} ${leaf()})`;
  return `auth().bs${pick(r, QUANTIFIERS)}[${body}]`;
}

function rules(r: Rng, model: ModelName): string {
  const lines: string[] = [];
  const allows = 1 + Math.floor(r() * 3);
  for (let i = 0; i < allows; i++) {
    lines.push(
      `  @@allow('${pick(r, ['read', 'all', 'read,update', 'update,delete', 'delete'])}', ${randomCondition(r, model, 2)})`,
    );
  }
  const denies = Math.floor(r() * 3);
  for (let i = 0; i < denies; i++) {
    lines.push(
      `  @@deny('${pick(r, ['read', 'all', 'update', 'delete'])}', ${randomCondition(r, model, 2)})`,
    );
  }
  if (r() < 0.3) lines.push(`  @@allow('read', true)`);
  return lines.join('\n');
}

/** A schema of three related models with random rules. */
export function randomSchemaText(r: Rng): string {
  return `
model User {
  id Int @id
  level Int?
  role String?
  bs B[]
${rules(r, 'User')}
}

model B {
  id Int @id
  n Int?
  s String?
  flag Boolean?
  tags String[]
  dt DateTime?
  owner User? @relation(fields: [ownerId], references: [id])
  ownerId Int?
  cs C[]
${rules(r, 'B')}
}

model C {
  id Int @id
  n Int?
  s String?
  b B? @relation(fields: [bId], references: [id])
  bId Int?
${rules(r, 'C')}
}
`;
}

const S = ['a', 'b', 'ab', 'B', '', 'xa', 'Ab'];
const maybe = <T>(r: Rng, v: () => T, pNull = 0.25): T | null => (r() < pNull ? null : v());

export function randomData(r: Rng): Record<string, Record<string, unknown>[]> {
  const users = Array.from({ length: 3 + Math.floor(r() * 3) }, (_, i) => ({
    id: i + 1,
    level: maybe(r, () => Math.floor(r() * 7) - 1),
    role: maybe(r, () => pick(r, S)),
  }));
  const bs = Array.from({ length: 4 + Math.floor(r() * 6) }, (_, i) => ({
    id: i + 1,
    n: maybe(r, () => Math.floor(r() * 7) - 1),
    s: maybe(r, () => pick(r, S)),
    flag: maybe(r, () => r() < 0.5),
    tags: Array.from({ length: Math.floor(r() * 3) }, () => pick(r, S)),
    dt: maybe(
      r,
      () => new Date(r() < 0.5 ? Date.UTC(2001, 1, 2, 3, 4, 5, 678) : Date.UTC(2099, 5, 6)),
    ),
    ownerId: maybe(r, () => 1 + Math.floor(r() * users.length)),
  }));
  const cs = Array.from({ length: 4 + Math.floor(r() * 8) }, (_, i) => ({
    id: i + 1,
    n: maybe(r, () => Math.floor(r() * 7) - 1),
    s: maybe(r, () => pick(r, S)),
    bId: maybe(r, () => 1 + Math.floor(r() * bs.length)),
  }));
  return { User: users, B: bs, C: cs };
}

export function randomUser(r: Rng, userCount: number): Record<string, unknown> | null {
  if (r() < 0.2) return null;
  const user: Record<string, unknown> = { id: r() < 0.85 ? 1 + Math.floor(r() * userCount) : 99 };
  if (r() < 0.8) user.level = Math.floor(r() * 7) - 1;
  if (r() < 0.8) user.role = pick(r, S);
  const bs = givenList(r, () => {
    const b: Record<string, unknown> = {};
    if (r() < 0.7) b.n = maybe(r, () => Math.floor(r() * 7) - 1, 0.15);
    if (r() < 0.6) b.s = pick(r, S);
    if (r() < 0.6) b.flag = r() < 0.5;
    const cs = givenList(r, () => (r() < 0.8 ? { n: Math.floor(r() * 7) - 1 } : {}));
    if (cs !== undefined) b.cs = cs;
    return b;
  });
  if (bs !== undefined) user.bs = bs;
  return user;
}

/** A to-many member of the user object: absent, `null`, empty, or one to three elements. */
function givenList<T>(r: Rng, element: () => T): T[] | null | undefined {
  const roll = r();
  if (roll < 0.3) return undefined;
  if (roll < 0.38) return null;
  if (roll < 0.55) return [];
  return Array.from({ length: 1 + Math.floor(r() * 3) }, element);
}
