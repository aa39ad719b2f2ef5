import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/checker/index.js';
import { evaluateRule } from '../../src/index.js';
import { rowOf } from './brute-force.js';
import { bruteForce, domainSize, permitsWith, witnessValues } from './brute-force.js';
import { prng, randomCase, type RuleCase } from './random-rules.js';

const BASE = Number(process.env.CHECKER_SEED ?? 20261123);
const RULES = 1000;
const MAX_ASSIGNMENTS = 40_000;

describe('checker against brute-force enumeration', () => {
  it(`equals brute force on ${RULES} random rules of exactly supported features (seed ${BASE})`, () => {
    const mismatches: string[] = [];
    let tested = 0;
    let allowed = 0;
    for (let seed = BASE; tested < RULES; seed++) {
      const cs = randomCase(seed, true);
      if (domainSize(cs) > MAX_ASSIGNMENTS) continue;
      tested++;
      const checker = createChecker(cs.schema, { cacheSize: 0 });
      const res = checker.check('Item', cs.user, {
        operation: 'read',
        where: cs.where,
        explain: true,
      });
      const brute = bruteForce(cs);
      if (res.allowed) {
        allowed++;
        if (!permitsWith(cs, witnessValues(res.witness ?? {})))
          mismatches.push(
            `seed ${seed}: witness ${JSON.stringify(res.witness, big)} not permitted: ${cs.text}`,
          );
      }
      if (res.allowed !== (brute !== undefined))
        mismatches.push(
          `seed ${seed}: check ${res.allowed}, brute force ${brute !== undefined}: ${cs.text}`,
        );
    }
    expect(mismatches).toEqual([]);
    // Both answers must occur, or the comparison proves little.
    expect(allowed).toBeGreaterThan(RULES / 5);
    expect(RULES - allowed).toBeGreaterThan(RULES / 10);
  }, 120_000);

  it(`never says no when brute force finds a row, with approximated features too (seed ${BASE})`, () => {
    const wrongNo: string[] = [];
    let tested = 0;
    for (let seed = BASE + 500_000; tested < RULES; seed++) {
      const cs = randomCase(seed, false);
      if (domainSize(cs) > MAX_ASSIGNMENTS) continue;
      tested++;
      const checker = createChecker(cs.schema, { cacheSize: 0 });
      const res = checker.check('Item', cs.user, { operation: 'read', where: cs.where });
      if (!res && bruteForce(cs) !== undefined) wrongNo.push(`seed ${seed}: ${cs.text}`);
    }
    expect(wrongNo).toEqual([]);
  }, 120_000);

  it(`says yes with a row's own values as where whenever the reference permits that row (seed ${BASE})`, () => {
    const failures: string[] = [];
    let permittedRows = 0;
    for (let seed = BASE + 900_000; permittedRows < RULES; seed++) {
      const cs = randomCase(seed, true);
      const r = prng(seed);
      const checker = createChecker(cs.schema);
      for (let sample = 0; sample < 20; sample++) {
        const values = new Map<string, unknown>();
        for (const [k, d] of cs.domains) values.set(k, d[Math.floor(r() * d.length)]);
        const byReference = permitsWith({ ...cs, where: undefined }, values);
        // The project's enforcement oracle must agree with the tests' reference evaluator.
        const byEnforcement = evaluateRule(cs.schema, 'Item', 'read', cs.user, rowOf(values));
        if (byReference !== byEnforcement)
          failures.push(
            `seed ${seed}: enforcement ${byEnforcement}, reference ${byReference}: ${cs.text} row ${JSON.stringify(Object.fromEntries(values), big)}`,
          );
        if (!byReference && !byEnforcement) continue;
        permittedRows++;
        const where = whereOf(cs, values);
        if (!checker.check('Item', cs.user, { operation: 'read', where }))
          failures.push(`seed ${seed}: where ${JSON.stringify(where, big)}: ${cs.text}`);
        break;
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

/** The enumerated variables of a row as a `where` that pins every one of them. */
function whereOf(cs: RuleCase, values: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  const owner: Record<string, unknown> = {};
  for (const [k, v] of values) {
    if (k === 'now' || k === 'tags') continue;
    if (k.startsWith('owner.')) owner[k.slice(6)] = v;
    else where[k] = v;
  }
  if (Object.keys(owner).length > 0 && values.get('ownerId') !== null) where.owner = owner;
  void cs;
  return where;
}

function big(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? `${v}n` : v;
}
