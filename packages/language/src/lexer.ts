import type { Diagnostics } from './diagnostic.js';
import type { SourceFile } from './source-file.js';

export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'eof';

/** A `//` or `///` comment; the formatter re-emits them, `///` ones become `doc`. */
export interface Comment {
  readonly doc: boolean;
  /** Text after the slashes, untrimmed. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

export interface Token {
  readonly kind: TokenKind;
  /** Identifier name, punctuation text, or the raw literal text (quotes included). */
  readonly text: string;
  /** Decoded value of a string literal. */
  readonly value: string | undefined;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  /** Comments between the previous token and this one. */
  readonly leading: readonly Comment[];
}

const PUNCT2 = new Set(['@@', '==', '!=', '<=', '>=', '&&', '||']);
const PUNCT1 = new Set([...'{}()[],:=.?!^@<>-']);

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Splits a file into tokens; bad characters become diagnostics and are skipped. */
export function tokenize(file: SourceFile, diagnostics: Diagnostics): Token[] {
  const text = file.text;
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  const none: readonly Comment[] = [];
  let leading: Comment[] | readonly Comment[] = none;
  const addComment = (c: Comment) => {
    if (leading === none) leading = [c];
    else (leading as Comment[]).push(c);
  };

  const push = (kind: TokenKind, start: number, end: number, value?: string) => {
    const token: Token = {
      kind,
      text: text.slice(start, end),
      start,
      end,
      line,
      column: start - lineStart + 1,
      leading,
      value,
    };
    tokens.push(token);
    leading = none;
  };

  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 10) {
      pos++;
      line++;
      lineStart = pos;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 0xfeff) {
      pos++;
      continue;
    }
    if (c === 47 && text.charCodeAt(pos + 1) === 47) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const doc = text.charCodeAt(pos + 2) === 47 && text.charCodeAt(pos + 3) !== 47;
      const body = text.slice(pos + (doc ? 3 : 2), end).replace(/\r$/, '');
      addComment({ doc, text: body, start: pos, end, line });
      pos = end;
      continue;
    }
    if (c === 47 && text.charCodeAt(pos + 1) === 42) {
      const close = text.indexOf('*/', pos + 2);
      const end = close < 0 ? text.length : close + 2;
      const startLine = line;
      if (close < 0)
        diagnostics.error('unterminated-comment', 'Block comment is not closed', {
          file,
          start: pos,
          end: pos + 2,
        });
      for (let i = pos; i < end; i++)
        if (text.charCodeAt(i) === 10) {
          line++;
          lineStart = i + 1;
        }
      addComment({ doc: false, text: text.slice(pos, end), start: pos, end, line: startLine });
      pos = end;
      continue;
    }
    if (isIdentStart(c)) {
      const start = pos;
      while (pos < text.length && isIdentPart(text.charCodeAt(pos))) pos++;
      push('ident', start, pos);
      continue;
    }
    if (isDigit(c)) {
      const start = pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (text.charCodeAt(pos) === 46 && isDigit(text.charCodeAt(pos + 1))) {
        pos++;
        while (isDigit(text.charCodeAt(pos))) pos++;
      }
      if ((text.charCodeAt(pos) | 32) === 101) {
        const save = pos;
        pos++;
        if (text[pos] === '+' || text[pos] === '-') pos++;
        if (isDigit(text.charCodeAt(pos))) while (isDigit(text.charCodeAt(pos))) pos++;
        else pos = save;
      }
      push('number', start, pos);
      continue;
    }
    if (c === 34 || c === 39) {
      const start = pos;
      const quote = c;
      pos++;
      let value = '';
      let closed = false;
      while (pos < text.length) {
        const d = text.charCodeAt(pos);
        if (d === quote) {
          pos++;
          closed = true;
          break;
        }
        if (d === 10) break;
        if (d === 92 && pos + 1 < text.length) {
          const e = text[pos + 1] ?? '';
          const map: Record<string, string> = {
            n: '\n',
            t: '\t',
            r: '\r',
            '\\': '\\',
            '"': '"',
            "'": "'",
          };
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
            value += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
            pos += 6;
            continue;
          }
          value += map[e] ?? '\\' + e;
          pos += 2;
          continue;
        }
        value += text[pos];
        pos++;
      }
      if (!closed) {
        diagnostics.error('unterminated-string', 'String literal is not closed on its line', {
          file,
          start,
          end: pos,
        });
      }
      push('string', start, pos, value);
      continue;
    }
    const two = text.slice(pos, pos + 2);
    if (PUNCT2.has(two)) {
      push('punct', pos, pos + 2);
      pos += 2;
      continue;
    }
    const one = text[pos] ?? '';
    if (PUNCT1.has(one)) {
      push('punct', pos, pos + 1);
      pos++;
      continue;
    }
    const cp = text.codePointAt(pos) ?? c;
    const width = cp > 0xffff ? 2 : 1;
    diagnostics.error(
      'invalid-character',
      `Unexpected character '${text.slice(pos, pos + width)}'`,
      {
        file,
        start: pos,
        end: pos + width,
      },
    );
    pos += width;
  }
  push('eof', text.length, text.length);
  return tokens;
}
