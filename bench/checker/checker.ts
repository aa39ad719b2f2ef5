/**
 * Permission checker speed and memory, with logic-solver (the seed tool's SAT solver) as the
 * baseline measured in the same process on the same lowered formulas.
 *
 *   npx tsx --conditions=@warden/source bench/checker/checker.ts
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Logic from 'logic-solver';
import type { PolicyOperation, SchemaDef } from '@warden/schema';
import { loadSchema } from '@warden/language';
import { createChecker } from '../../packages/policy/src/checker/index.js';
import { and, type Atom, type Formula } from '../../packages/policy/src/checker/formula.js';
import { permission } from '../../packages/policy/src/checker/lower-condition.js';
import { rootScope, type LowerContext } from '../../packages/policy/src/checker/operands.js';
import { solve } from '../../packages/policy/src/checker/search.js';
import { Delegation } from '../../packages/policy/src/semantics/delegation.js';
import { whereFormula } from '../../packages/policy/src/checker/where-filter.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function load(input: { path: string } | { text: string }): Promise<SchemaDef> {
  const r = await loadSchema(input);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.schema;
}

const blog = await load({
  path: new URL('../../examples/schemas/blog.zmodel', import.meta.url).pathname,
});
const rich = await load({
  text: `
datasource db { provider = "postgresql" url = "x" }
enum Role { Reader Writer Editor Admin }
model User {
  id    Int    @id
  role  Role
  level Int?
  org   String?
  docs  Doc[]
  @@allow('all', true)
}
model Doc {
  id        Int      @id
  title     String
  status    String
  score     Float?
  size      BigInt
  ownerId   Int
  owner     User     @relation(fields: [ownerId], references: [id])
  orgName   String?
  @@allow('read', status == 'published' && score >= 2.5)
  @@allow('read', owner == auth() || (auth().role == Editor && orgName == auth().org))
  @@allow('update', auth().level > 3 && size < 1000000 && !startsWith(title, 'locked:'))
  @@allow('update', owner.role == Admin && contains(title, 'draft'))
  @@deny('all', auth() == null)
  @@deny('update', status == 'archived' || auth().level < 0)
}
`,
});

interface Case {
  name: string;
  schema: SchemaDef;
  model: string;
  operation: PolicyOperation;
  user: (i: number) => Record<string, unknown> | undefined;
  where?: (i: number) => Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'blog Post read, anonymous',
    schema: blog,
    model: 'Post',
    operation: 'read',
    user: () => undefined,
  },
  {
    name: 'blog Post create, Writer',
    schema: blog,
    model: 'Post',
    operation: 'create',
    user: (i) => ({ id: `u${i}`, role: 'Writer' }),
  },
  {
    name: 'blog Post update, own (where authorId)',
    schema: blog,
    model: 'Post',
    operation: 'update',
    user: (i) => ({ id: `u${i}`, role: 'Reader' }),
    where: (i) => ({ authorId: `u${i}` }),
  },
  {
    name: "blog Post read, other's draft",
    schema: blog,
    model: 'Post',
    operation: 'read',
    user: (i) => ({ id: `u${i}`, role: 'Reader' }),
    where: () => ({ status: 'draft', authorId: 'someone' }),
  },
  {
    name: 'rich Doc update (6 rules, ints, floats, strings)',
    schema: rich,
    model: 'Doc',
    operation: 'update',
    user: (i) => ({ id: i, role: 'Editor', level: 4 + (i % 5), org: `o${i}` }),
    where: () => ({ title: { startsWith: 'draft' }, size: { gt: 10 } }),
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median over rounds of the mean time per call in microseconds. */
function time(rounds: number, perRound: number, fn: (i: number) => unknown): number {
  let k = 0;
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let j = 0; j < perRound; j++) fn(k++);
    samples.push(((performance.now() - t0) * 1000) / perRound);
  }
  return median(samples);
}

/** The same lowering the checker does, stopping before the solver. */
function lowered(c: Case, i: number): { goal: Formula; ctx: LowerContext } {
  const model = c.schema.models[c.model]!;
  const ctx: LowerContext = {
    schema: c.schema,
    user: c.user(i) ?? null,
    vars: new Map(),
    frees: new Map(),
    delegation: Delegation.start(c.model, c.operation),
    operation: c.operation,
  };
  const scope = rootScope(model);
  const where = c.where ? whereFormula(ctx, scope, c.where(i)) : { k: 'true' as const };
  return { goal: and(permission(ctx, scope, c.operation), where), ctx };
}

/**
 * Through logic-solver: each atom a boolean variable, equalities of one field with different
 * constants mutually exclusive (the seed's encoding of strings and enums). Orderings and string
 * functions stay plain variables, so this baseline is the cheaper, less exact problem.
 */
function logicSolverCheck(goal: Formula): boolean {
  const names = new Map<string, string>();
  const eqByVar = new Map<string, Set<string>>();
  const term = (a: Atom): string => {
    const key = JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    let n = names.get(key);
    if (!n) names.set(key, (n = `a${names.size}`));
    if (a.k === 'cmp' && a.op === 'eq') {
      let s = eqByVar.get(a.x);
      if (!s) eqByVar.set(a.x, (s = new Set()));
      s.add(n);
    }
    return n;
  };
  const toLogic = (f: Formula): unknown => {
    switch (f.k) {
      case 'true':
        return Logic.TRUE;
      case 'false':
        return Logic.FALSE;
      case 'atom':
        return term(f.a);
      case 'and':
        return Logic.and(...f.xs.map(toLogic));
      case 'or':
        return Logic.or(...f.xs.map(toLogic));
    }
  };
  const solver = new Logic.Solver();
  solver.require(toLogic(goal));
  for (const s of eqByVar.values()) if (s.size > 1) solver.require(Logic.atMostOne(...s));
  return solver.solve() !== null;
}

console.log('Permission checker bench (median µs per call)\n');
const rows: string[][] = [
  ['case', 'warm (cached)', 'cold (new user)', 'solve only', 'logic-solver solve', 'ratio'],
];
for (const c of cases) {
  const warm = createChecker(c.schema);
  const args = { operation: c.operation, where: c.where?.(1) };
  warm.check(c.model, c.user(1), args);
  const warmUs = time(15, 20_000, () => warm.check(c.model, c.user(1), args));
  const cold = createChecker(c.schema);
  const coldUs = time(15, 2_000, (i) =>
    cold.check(c.model, c.user(i + 10), { operation: c.operation, where: c.where?.(i + 10) }),
  );
  const problems = Array.from({ length: 200 }, (_, i) => lowered(c, i));
  const ours = time(15, 2_000, (i) => solve(problems[i % 200]!.goal, problems[i % 200]!.ctx.vars));
  const theirs = time(7, 50, (i) => logicSolverCheck(problems[i % 200]!.goal));
  const agree = problems.every(
    (p) => (solve(p.goal, p.ctx.vars) !== undefined) === logicSolverCheck(p.goal),
  );
  rows.push([
    c.name + (agree ? '' : ' (answers differ)'),
    warmUs.toFixed(2),
    coldUs.toFixed(1),
    ours.toFixed(2),
    theirs.toFixed(0),
    `${(theirs / ours).toFixed(0)}x`,
  ]);
}
const newSolver = time(5, 50, () => new Logic.Solver());
printTable(rows);
console.log(`\nlogic-solver: creating one Solver instance alone: ${newSolver.toFixed(0)} µs`);

// Memory: 100k distinct users through one checker with the default cache (1000 entries).
const memCase = cases[2]!;
const mem = createChecker(memCase.schema);
gc();
const before = process.memoryUsage().heapUsed;
const t0 = performance.now();
for (let i = 0; i < 100_000; i++)
  mem.check(memCase.model, memCase.user(i), { operation: 'update', where: memCase.where?.(i) });
const elapsed = performance.now() - t0;
gc();
const after = process.memoryUsage().heapUsed;
console.log(
  `\n100k distinct users (${memCase.name}): ${(elapsed / 100).toFixed(1)} µs/check, heap before ${mb(before)}, after ${mb(after)} (+${mb(after - before)})`,
);

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function printTable(t: string[][]): void {
  const widths = t[0]!.map((_, i) => Math.max(...t.map((r) => r[i]!.length)));
  for (const [k, r] of t.entries()) {
    console.log(
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  '),
    );
    if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
