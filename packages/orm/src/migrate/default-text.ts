/**
 * Canonical text of a default expression, so that what we write and what the database reports
 * back compare equal: PostgreSQL adds casts (`'a'::text`), parentheses and its own spelling of
 * timestamps and JSON; SQLite reports the text as written.
 */
export function canonicalDefault(expression: string, temporal: boolean): string {
  let s = stripCasts(expression);
  s = lowerOutsideStrings(s);
  for (;;) {
    const inner = unwrapParens(s);
    if (inner === s) break;
    s = inner;
  }
  const literal = /^'((?:[^']|'')*)'$/.exec(s);
  if (!literal) return s;
  const text = literal[1]!.replaceAll("''", "'");
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text))
    return String(Number(text)) === text ? text : text.toLowerCase();
  if (temporal) {
    const t = Date.parse(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
    if (!Number.isNaN(t)) return `'${new Date(t).toISOString()}'`;
  }
  if (/^[[{]/.test(text)) {
    try {
      return `'${JSON.stringify(sortKeys(JSON.parse(text)))}'`;
    } catch {
      return s;
    }
  }
  return s;
}

const castType =
  /^::\s*(?:"(?:[^"]|"")*"|[a-z_][a-z0-9_]*(?:\s+(?:varying|precision))?)(?:\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\s+with(?:out)?\s+time\s+zone)?(?:\[\])*/i;

function stripCasts(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === "'") {
      let j = i + 1;
      while (j < s.length && !(s[j] === "'" && s[j + 1] !== "'")) j += s[j] === "'" ? 2 : 1;
      out += s.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === ':' && s[i + 1] === ':') {
      const m = castType.exec(s.slice(i));
      if (m) {
        i += m[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

function lowerOutsideStrings(s: string): string {
  return s
    .split(/('(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : part.toLowerCase().replace(/\s+/g, '')))
    .join('')
    .replace(/^now\(\)$/, 'current_timestamp');
}

function unwrapParens(s: string): string {
  if (!s.startsWith('(') || !s.endsWith(')')) return s;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'") inString = !inString;
    if (inString) continue;
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth === 0 && i < s.length - 1) return s;
  }
  return s.slice(1, -1);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}
