import { describe, expect, it } from 'vitest';
import { seededRandom } from '@warden/test-kit';
import { Decimal } from 'decimal.js';
import { wire } from '../src/wire/serialization.js';
import { encodeDataJson } from '../src/wire/encode-data.js';

const rng = seededRandom;

// superjson refuses a "__proto__" key outright; that case has its own test below.
const KEYS = ['id', 'a.b', 'back\\slash', 'createdAt', '0', 'x y', ''];

function randomValue(r: () => number, depth: number): unknown {
  const pick = Math.floor(r() * (depth > 3 ? 10 : 13));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return Math.floor(r() * 1000) - 500;
    case 2:
      return [NaN, Infinity, -Infinity, -0, 1.5][Math.floor(r() * 5)];
    case 3:
      return `s${Math.floor(r() * 100)}`;
    case 4:
      return r() < 0.5;
    case 5:
      return new Date(Math.floor(r() * 2e12));
    case 6:
      return BigInt(Math.floor(r() * 1e6)) * 10_000_000_000n;
    case 7:
      return new Decimal((r() * 1000).toFixed(3));
    case 8:
      return new Uint8Array(Array.from({ length: Math.floor(r() * 5) }, () => r() * 256));
    case 9:
      return undefined;
    case 10:
    case 11: {
      const o: Record<string, unknown> = {};
      const n = Math.floor(r() * 4);
      for (let i = 0; i < n; i++) {
        Object.defineProperty(o, KEYS[Math.floor(r() * KEYS.length)]!, {
          value: randomValue(r, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return o;
    }
    default:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  }
}

/** What superjson itself writes, minus the referential-equality hints (an optimisation). */
function superjsonEnvelope(v: unknown): unknown {
  const { json, meta } = wire.serialize(v);
  if (!meta?.values) return { data: json };
  return { data: json, meta: { serialization: { values: meta.values, v: 1 } } };
}

describe('encodeDataJson (the fast result encoder)', () => {
  it('writes what superjson writes, and superjson reads it back, on 3,000 random trees', () => {
    const seed = Number(process.env.WARDEN_SEED ?? 20261123);
    const r = rng(seed);
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(r, 0);
      const text = encodeDataJson(value);
      expect(text, `seed ${seed}, case ${i}`).toBeDefined();
      const parsed = JSON.parse(text!) as {
        data: unknown;
        meta?: { serialization: { values: unknown; v: number } };
      };
      expect(parsed, `seed ${seed}, case ${i}`).toEqual(superjsonEnvelope(value));
      const back = parsed.meta
        ? wire.deserialize({ json: parsed.data as never, meta: parsed.meta.serialization as never })
        : parsed.data;
      expect(back, `seed ${seed}, case ${i}`).toEqual(value);
    }
  });

  it('keeps a "__proto__" key of a Json value as data', () => {
    const row = JSON.parse('{"doc":{"__proto__":{"polluted":1},"n":1n}}'.replace('1n', '2'));
    row.big = 3n;
    const parsed = JSON.parse(encodeDataJson(row)!);
    expect(Object.keys(parsed.data.doc)).toEqual(['__proto__', 'n']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('hands anything but plain result trees to superjson', () => {
    expect(encodeDataJson({ m: new Map([[1, 2]]) })).toBeUndefined();
    expect(encodeDataJson([new Set([1])])).toBeUndefined();
    expect(encodeDataJson({ at: new Date(NaN) })).toBeUndefined();
    expect(encodeDataJson({ f: () => 1 })).toBeUndefined();
    class Row {
      id = 1;
    }
    expect(encodeDataJson(new Row())).toBeUndefined();
  });

  it('writes no metadata for plain JSON', () => {
    expect(encodeDataJson({ a: [1, 'x', null, true] })).toBe('{"data":{"a":[1,"x",null,true]}}');
    expect(encodeDataJson(null)).toBe('{"data":null}');
  });
});
