/** `"na""me"`: safe for any identifier on SQLite and PostgreSQL. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `'it''s'`: a standard SQL string literal. */
export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function quoteIdentList(names: readonly string[]): string {
  return names.map(quoteIdent).join(', ');
}

/**
 * Splits a script into statements at top-level `;`, skipping quoted text, `--` and block
 * comments, and PostgreSQL dollar quotes. Statements that are only comments are dropped.
 */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let i = 0;
  let hasCode = false;
  while (i < script.length) {
    const ch = script[i]!;
    const next = script[i + 1];
    if (ch === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      const stop = end === -1 ? script.length : end;
      current += script.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = script.indexOf('*/', i + 2);
      const stop = end === -1 ? script.length : end + 2;
      current += script.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < script.length) {
        if (script[j] === ch) {
          if (script[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      current += script.slice(i, j + 1);
      hasCode = true;
      i = j + 1;
      continue;
    }
    if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i));
      if (tag) {
        const end = script.indexOf(tag[0], i + tag[0].length);
        const stop = end === -1 ? script.length : end + tag[0].length;
        current += script.slice(i, stop);
        hasCode = true;
        i = stop;
        continue;
      }
    }
    if (ch === ';') {
      if (hasCode) out.push(stripComments(current));
      current = '';
      hasCode = false;
      i++;
      continue;
    }
    if (!/\s/.test(ch)) hasCode = true;
    current += ch;
    i++;
  }
  if (hasCode) out.push(stripComments(current));
  return out;
}

/** Removes leading comment lines and surrounding whitespace from one statement. */
function stripComments(statement: string): string {
  return statement
    .split('\n')
    .filter(
      (line, index, lines) =>
        !(
          line.trimStart().startsWith('--') &&
          lines.slice(0, index).every((l) => l.trim() === '' || l.trimStart().startsWith('--'))
        ),
    )
    .join('\n')
    .trim();
}
