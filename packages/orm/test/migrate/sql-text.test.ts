import { describe, expect, it } from 'vitest';
import { canonicalDefault } from '../../src/migrate/default-text.js';
import { quoteIdent, quoteString, splitStatements } from '../../src/migrate/sql-text.js';

describe('splitStatements', () => {
  it('splits at top-level semicolons only', () => {
    const script = [
      '-- Warnings:',
      '-- - a; b',
      `CREATE TABLE "a;b" ("x" TEXT DEFAULT 'it''s; fine');`,
      '/* block; comment */ INSERT INTO t VALUES (1);',
      'SELECT $$ body; with semicolon $$;',
      'SELECT 1',
    ].join('\n');
    expect(splitStatements(script)).toEqual([
      `CREATE TABLE "a;b" ("x" TEXT DEFAULT 'it''s; fine')`,
      '/* block; comment */ INSERT INTO t VALUES (1)',
      'SELECT $$ body; with semicolon $$',
      'SELECT 1',
    ]);
  });

  it('drops comment-only and empty statements', () => {
    expect(splitStatements('-- nothing here;\n;;  \n')).toEqual([]);
  });
});

describe('quoting', () => {
  it('doubles embedded quotes', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteString("it's")).toBe("'it''s'");
  });
});

describe('canonicalDefault', () => {
  it('ignores casts, case, spacing and parentheses the database adds', () => {
    expect(canonicalDefault("'abc'::text", false)).toBe(canonicalDefault("'abc'", false));
    expect(canonicalDefault("'-1'::integer", false)).toBe(canonicalDefault('-1', false));
    expect(canonicalDefault('\'A\'::"Role"', false)).toBe(canonicalDefault("'A'", false));
    expect(canonicalDefault("'{}'::text[]", false)).toBe("'{}'");
    expect(canonicalDefault('(1 + 1)', false)).toBe(canonicalDefault('1 + 1', false));
    expect(canonicalDefault('now()', true)).toBe(canonicalDefault('CURRENT_TIMESTAMP', true));
  });

  it('compares timestamps and JSON by value', () => {
    expect(canonicalDefault("'2024-01-02 03:04:05.678+00'::timestamp with time zone", true)).toBe(
      canonicalDefault("'2024-01-02T03:04:05.678Z'", true),
    );
    expect(canonicalDefault(`'{"a": true, "b": [1, 2]}'::jsonb`, false)).toBe(
      canonicalDefault(`'{"b":[1,2],"a":true}'`, false),
    );
  });

  it('keeps differences that matter', () => {
    expect(canonicalDefault("'abc'", false)).not.toBe(canonicalDefault("'ABC'", false));
    expect(canonicalDefault('1', false)).not.toBe(canonicalDefault('2', false));
    expect(canonicalDefault("'a::b'", false)).toBe("'a::b'");
  });
});
