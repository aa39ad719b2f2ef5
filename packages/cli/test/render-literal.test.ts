import { describe, expect, it } from 'vitest';
import { renderLiteral } from '../src/generate/render-literal.js';

// The rendered text is TypeScript; evaluating it as JavaScript must give the value back.
function evaluate(source: string): unknown {
  return new Function(`return (${source});`)() as unknown;
}

describe('renderLiteral', () => {
  it('renders primitives', () => {
    expect(renderLiteral(null)).toBe('null');
    expect(renderLiteral(true)).toBe('true');
    expect(renderLiteral(-1.5)).toBe('-1.5');
    expect(renderLiteral('a')).toBe("'a'");
  });

  it('escapes quotes, backslashes, newlines and line separators in strings', () => {
    const tricky = 'it\'s \\ a\nb\r\t\u2028\u0001 `${x}` "q"';
    const source = renderLiteral(tricky);
    expect(source).not.toContain('\n');
    expect(evaluate(source)).toBe(tricky);
  });

  it('quotes keys that are not identifiers and drops undefined properties', () => {
    const source = renderLiteral({ 'a-b': 1, ok: 2, gone: undefined, '1x': 3 });
    expect(source).toBe("{ 'a-b': 1, ok: 2, '1x': 3 }");
  });

  it('keeps key order as given', () => {
    expect(renderLiteral({ b: 1, a: 2 })).toBe('{ b: 1, a: 2 }');
  });

  it('breaks large values over lines with trailing commas and round-trips nested data', () => {
    const value = {
      models: {
        Post: {
          name: 'Post',
          fields: { id: { name: 'id', type: 'String', optional: false, list: false } },
          idFields: ['id'],
          uniques: [],
          policies: [
            { kind: 'allow', operations: ['read'], condition: { kind: 'literal', value: true } },
          ],
        },
      },
      big: { bigint: '9007199254740993' },
    };
    const source = renderLiteral(value);
    expect(source).toContain('\n');
    expect(source).toMatch(/,\n\s*\}/);
    expect(evaluate(source)).toEqual(value);
    expect(renderLiteral(value)).toBe(source);
  });

  it('renders empty containers compactly', () => {
    expect(renderLiteral({ a: [], b: {} })).toBe('{ a: [], b: {} }');
  });

  it('refuses values that are not plain data', () => {
    expect(() => renderLiteral(Number.NaN)).toThrow(/NaN/);
    expect(() => renderLiteral(10n)).toThrow(/bigint/);
    expect(() => renderLiteral(new Date(0))).toThrow(/class instance/);
    expect(() => renderLiteral({ f: () => 1 })).toThrow(/function/);
  });
});
