const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const INLINE_WIDTH = 100;

/**
 * Renders plain data (what `SchemaDef` is made of) as TypeScript literal source: single
 * quotes, trailing commas, two-space indentation, keys in insertion order, `undefined`
 * properties left out. Small flat objects and arrays stay on one line. Same input, same text.
 *
 * @example
 * ```ts
 * renderLiteral({ kind: 'value', value: 'Reader' }); // "{ kind: 'value', value: 'Reader' }"
 * ```
 */
export function renderLiteral(value: unknown, indent = 0): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot render ${value} as a literal`);
    return Object.is(value, -0) ? '-0' : String(value);
  }
  if (Array.isArray(value)) return renderArray(value as unknown[], indent);
  if (typeof value === 'object') return renderObject(value as Record<string, unknown>, indent);
  throw new TypeError(`cannot render a ${typeof value} as a literal`);
}

function renderArray(items: readonly unknown[], indent: number): string {
  if (items.length === 0) return '[]';
  const parts = items.map((item) => renderLiteral(item, indent + 1));
  return layout('[', ']', parts, indent);
}

function renderObject(object: Record<string, unknown>, indent: number): string {
  const proto = Object.getPrototypeOf(object) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError('cannot render a class instance as a literal');
  }
  const parts = Object.entries(object)
    .filter(([, v]) => v !== undefined)
    .map(
      ([key, v]) => `${IDENTIFIER.test(key) ? key : quote(key)}: ${renderLiteral(v, indent + 1)}`,
    );
  if (parts.length === 0) return '{}';
  return layout('{', '}', parts, indent, ' ');
}

function layout(open: string, close: string, parts: string[], indent: number, pad = ''): string {
  const inline = `${open}${pad}${parts.join(', ')}${pad}${close}`;
  if (!inline.includes('\n') && inline.length + indent * 2 <= INLINE_WIDTH - 10) return inline;
  const inner = '  '.repeat(indent + 1);
  return `${open}\n${parts.map((p) => `${inner}${p},\n`).join('')}${'  '.repeat(indent)}${close}`;
}

function quote(text: string): string {
  let out = "'";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === "'" || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x2028 || code === 0x2029 || code === 0x7f) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += char;
  }
  return out + "'";
}
