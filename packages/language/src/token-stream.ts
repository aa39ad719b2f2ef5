import type { Diagnostics } from './diagnostic.js';
import type { Token } from './lexer.js';
import type { SourceFile, Span } from './source-file.js';

/** Signals a syntax error after it has been reported; caught where the parser recovers. */
export class SyntaxAbort extends Error {
  /** What was parsed before the error (a field without its broken attribute), kept by recovery. */
  partial?: unknown;
}

/** Cursor over the tokens of one file, shared by the declaration and expression parsers. */
export class TokenStream {
  protected pos = 0;

  constructor(
    protected readonly file: SourceFile,
    protected readonly tokens: readonly Token[],
    protected readonly diagnostics: Diagnostics,
  ) {}

  protected get tok(): Token {
    return this.tokens[this.pos] ?? this.last();
  }

  protected peek(offset = 1): Token {
    return this.tokens[this.pos + offset] ?? this.last();
  }

  protected prev(): Token {
    return this.tokens[this.pos - 1] ?? this.tokens[0] ?? this.last();
  }

  private last(): Token {
    const t = this.tokens[this.tokens.length - 1];
    if (!t) throw new Error('token list without eof');
    return t;
  }

  protected atEof(): boolean {
    return this.tok.kind === 'eof';
  }

  protected next(): Token {
    const t = this.tok;
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  protected is(text: string): boolean {
    const t = this.tok;
    return (t.kind === 'punct' || t.kind === 'ident') && t.text === text;
  }

  protected eat(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }

  protected expect(text: string, what?: string): Token {
    if (this.is(text)) return this.next();
    return this.fail(`Expected ${what ?? `'${text}'`} but found ${describe(this.tok)}`);
  }

  protected expectIdent(what: string): Token {
    if (this.tok.kind === 'ident') return this.next();
    return this.fail(`Expected ${what} but found ${describe(this.tok)}`);
  }

  protected fail(message: string, token: Token = this.tok): never {
    this.diagnostics.error(
      token.kind === 'eof' ? 'unexpected-end' : 'syntax-error',
      message,
      this.spanOf(token),
    );
    throw new SyntaxAbort(message);
  }

  protected spanOf(token: Token): Span {
    return { file: this.file, start: token.start, end: token.end };
  }

  protected spanFrom(start: Token | Span, end: Token | Span = this.prev()): Span {
    return { file: this.file, start: start.start, end: Math.max(start.start, end.end) };
  }
}

export function describe(token: Token): string {
  if (token.kind === 'eof') return 'end of file';
  if (token.kind === 'string') return `string ${token.text}`;
  return `'${token.text}'`;
}
