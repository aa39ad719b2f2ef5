/**
 * A small seeded random number generator (mulberry32): the same seed gives the same sequence,
 * so a property or fuzz test that fails can print its seed and be replayed exactly.
 *
 * @example
 * ```ts
 * const random = seededRandom(Number(process.env.WARDEN_SEED ?? 42));
 * const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
