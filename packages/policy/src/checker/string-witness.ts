import type { Atom } from './formula.js';

/**
 * A character that occurs in none of the given texts. Witness strings are built around it, so
 * they differ from every constant and cannot complete a forbidden pattern by accident.
 */
export function freshChar(texts: Iterable<string>): string {
  const used = new Set<string>();
  for (const t of texts) for (const ch of t) used.add(ch);
  for (const ch of '#~_|%') if (!used.has(ch)) return ch;
  for (let code = 0xe000; ; code++) {
    const ch = String.fromCharCode(code);
    if (!used.has(ch)) return ch;
  }
}

/** Every string constant the atoms mention. */
export function stringConstants(atoms: Iterable<Atom>): string[] {
  const out: string[] = [];
  for (const a of atoms) {
    if (a.k === 'str') out.push(a.s);
    else if (a.k === 'cmp' && typeof a.c === 'string') out.push(a.c);
  }
  return out;
}

/**
 * The one string worth trying when no equality pins the value: the longest required prefix,
 * `marker + 1` fresh characters, each required infix separated by a fresh character, the longest
 * required suffix. If it breaks a negative constraint (`!contains`, `!startsWith`, `!= c`),
 * every string meeting the positive ones does, because the forbidden text lies inside a part
 * every such string must contain. `marker` makes witnesses of different variables distinct.
 * `undefined` when two required prefixes (or suffixes) contradict each other.
 */
export function canonicalString(
  atoms: readonly Atom[],
  fresh: string,
  marker: number,
): string | undefined {
  let prefix = '';
  let suffix = '';
  const infixes: string[] = [];
  for (const a of atoms) {
    if (a.k !== 'str' || a.negated) continue;
    if (a.fn === 'startsWith') {
      const [short, long] = a.s.length > prefix.length ? [prefix, a.s] : [a.s, prefix];
      if (!long.startsWith(short)) return undefined;
      prefix = long;
    } else if (a.fn === 'endsWith') {
      const [short, long] = a.s.length > suffix.length ? [suffix, a.s] : [a.s, suffix];
      if (!long.endsWith(short)) return undefined;
      suffix = long;
    } else if (a.s !== '' && !infixes.includes(a.s)) infixes.push(a.s);
  }
  const middle = infixes.map((s) => s + fresh).join('');
  return prefix + fresh.repeat(marker + 1) + middle + suffix;
}
