import type {
  AttributeNode,
  ConfigDecl,
  ConfigEntry,
  Decl,
  Document,
  EnumDecl,
  EnumMember,
  FieldDecl,
  Ident,
  ImportDecl,
  ModelDecl,
  ModelMember,
  TypeRef,
} from './ast.js';
import { Diagnostics } from './diagnostic.js';
import { tokenize, type Token } from './lexer.js';
import { ExpressionParser } from './parse-expression.js';
import type { SourceFile } from './source-file.js';
import { SyntaxAbort } from './token-stream.js';

const TOP_LEVEL = new Set([
  'model',
  'abstract',
  'enum',
  'datasource',
  'generator',
  'plugin',
  'import',
  'view',
  'type',
]);

/**
 * Parses one file into a `Document`. Syntax errors are reported to `diagnostics` and the parser
 * resumes at the next member line or declaration, so one run reports several of them.
 */
export function parseDocument(file: SourceFile, diagnostics: Diagnostics): Document {
  const tokens = tokenize(file, diagnostics);
  return new DocumentParser(file, tokens, diagnostics).parse();
}

class DocumentParser extends ExpressionParser {
  parse(): Document {
    const imports: ImportDecl[] = [];
    const decls: Decl[] = [];
    while (!this.atEof()) {
      const start = this.pos;
      try {
        const decl = this.parseTopLevel();
        if (decl.kind === 'import') imports.push(decl);
        else decls.push(decl);
      } catch (e) {
        if (!(e instanceof SyntaxAbort)) throw e;
        this.recoverTopLevel(start);
      }
    }
    return { file: this.file, imports, decls, tokens: this.tokens };
  }

  private recoverTopLevel(start: number): void {
    if (this.pos === start) this.next();
    let depth = 0;
    while (!this.atEof()) {
      const t = this.tok;
      if (depth <= 0 && t.kind === 'ident' && TOP_LEVEL.has(t.text)) return;
      if (t.text === '{' && t.kind === 'punct') depth++;
      if (t.text === '}' && t.kind === 'punct') {
        depth--;
        if (depth <= 0) {
          this.next();
          return;
        }
      }
      this.next();
    }
  }

  /** `model X {`, `abstract model`, `enum X {`...: a new declaration, so a `}` is missing. */
  private startsDeclaration(): boolean {
    const t = this.tok;
    if (t.kind !== 'ident' || !TOP_LEVEL.has(t.text)) return false;
    if (t.text === 'abstract') return this.peek().text === 'model';
    if (t.text === 'import') return this.peek().kind === 'string';
    const after = this.peek(2);
    return this.peek().kind === 'ident' && (after.text === '{' || after.text === 'extends');
  }

  private docAt(index: number): string | undefined {
    const token = this.tokens[index];
    if (!token) return undefined;
    const prevLine = this.tokens[index - 1]?.line ?? 0;
    const lines = token.leading
      .filter((c) => c.doc && c.line > prevLine)
      .map((c) => (c.text.startsWith(' ') ? c.text.slice(1) : c.text).trimEnd());
    return lines.length > 0 ? lines.join('\n') : undefined;
  }

  private ident(token: Token): Ident {
    return { name: token.text, span: this.spanOf(token) };
  }

  private parseTopLevel(): Decl | ImportDecl {
    const first = this.pos;
    const t = this.tok;
    if (t.kind === 'ident') {
      switch (t.text) {
        case 'import': {
          this.next();
          const path = this.tok;
          if (path.kind !== 'string') this.fail(`Expected a file path string after 'import'`);
          this.next();
          return {
            kind: 'import',
            path: path.value ?? '',
            span: this.spanFrom(t),
            firstToken: first,
            lastToken: this.pos - 1,
          };
        }
        case 'abstract':
          this.next();
          if (!this.is('model')) this.fail(`Expected 'model' after 'abstract'`);
          this.next();
          return this.parseModel(first, 'model', true);
        case 'model':
        case 'view':
        case 'type':
          this.next();
          return this.parseModel(first, t.text, false);
        case 'enum':
          this.next();
          return this.parseEnum(first);
        case 'datasource':
        case 'generator':
        case 'plugin':
          this.next();
          return this.parseConfig(first, t.text);
      }
    }
    return this.fail(
      `Expected a declaration ('model', 'enum', 'datasource', 'generator', 'plugin', 'import') but found ${t.kind === 'eof' ? 'end of file' : `'${t.text}'`}`,
    );
  }

  /** Runs `parseOne` until `}`; a failed member skips the rest of its line. */
  private parseBody<T>(parseOne: () => T): { items: T[]; closeToken: number } {
    this.expect('{');
    const items: T[] = [];
    while (!this.is('}') && !this.atEof()) {
      const t = this.tok;
      if (t.kind === 'ident' && t.column === 1 && this.startsDeclaration()) {
        this.diagnostics.error('syntax-error', `Expected '}' before '${t.text}'`, this.spanOf(t));
        return { items, closeToken: this.pos - 1 };
      }
      const start = this.pos;
      try {
        items.push(parseOne());
      } catch (e) {
        if (!(e instanceof SyntaxAbort)) throw e;
        if (e.partial !== undefined) items.push(e.partial as T);
        const errLine = this.tok.line;
        let lineStart = this.pos;
        while (lineStart > start && this.tokens[lineStart - 1]?.line === errLine) lineStart--;
        if (lineStart > start && (this.tokens[start]?.line ?? errLine) < errLine) {
          // An unclosed bracket swallowed the next line(s): parse that line as a new member.
          this.pos = lineStart;
          continue;
        }
        if (this.pos === start && !this.is('}')) this.next();
        while (!this.atEof() && this.tok.line === errLine && !this.is('}')) this.next();
      }
    }
    const closeToken = this.pos;
    if (this.atEof()) {
      this.diagnostics.error(
        'unexpected-end',
        `Expected '}' but found end of file`,
        this.spanOf(this.tok),
      );
    } else this.next();
    return { items, closeToken };
  }

  private parseModel(first: number, keyword: ModelDecl['keyword'], abstract: boolean): ModelDecl {
    const name = this.ident(this.expectIdent(`a ${keyword} name`));
    const bases: Ident[] = [];
    if (this.eat('extends')) {
      do bases.push(this.ident(this.expectIdent('a model name after extends')));
      while (this.eat(','));
    }
    const body = this.parseBody<ModelMember>(() => this.parseModelMember());
    const doc = this.docAt(first);
    return {
      kind: 'model',
      keyword,
      name,
      abstract,
      extends: bases,
      members: body.items,
      closeToken: body.closeToken,
      span: this.spanFrom(this.tokens[first] ?? this.tok),
      firstToken: first,
      lastToken: this.pos - 1,
      ...(doc === undefined ? {} : { doc }),
    };
  }

  private parseModelMember(): ModelMember {
    if (this.is('@@')) return this.parseAttribute();
    if (this.is('@'))
      this.fail(
        `Field attribute '${this.tok.text}${this.peek().text}' must follow a field; model attributes start with '@@'`,
      );
    const first = this.pos;
    const nameToken = this.expectIdent('a field name');
    const name = this.ident(nameToken);
    const type = this.parseTypeRef();
    const attributes: AttributeNode[] = [];
    const doc = this.docAt(first);
    const build = (): FieldDecl => ({
      kind: 'field',
      name,
      type,
      attributes,
      span: this.spanFrom(this.tokens[first] ?? this.tok),
      firstToken: first,
      lastToken: Math.max(first, this.pos - 1),
      ...(doc === undefined ? {} : { doc }),
    });
    try {
      while (this.is('@') && this.tok.line === nameToken.line) {
        attributes.push(this.parseAttribute());
      }
      if (this.is('@@') && this.tok.line === this.prev().line) {
        this.fail(`Model attribute must be on its own line`);
      }
    } catch (e) {
      if (e instanceof SyntaxAbort) e.partial = build();
      throw e;
    }
    return build();
  }

  private parseTypeRef(): TypeRef {
    const t = this.tok;
    if (t.kind !== 'ident' || t.line !== this.prev().line)
      this.fail(`Expected a type for field '${this.prev().text}'`, this.prev());
    this.next();
    let unsupported: string | undefined;
    if (t.text === 'Unsupported' && this.is('(')) {
      this.next();
      const s = this.tok;
      if (s.kind !== 'string')
        this.fail(`Expected a string with the database type in Unsupported(...)`);
      this.next();
      this.expect(')');
      unsupported = s.value ?? '';
    }
    let list = false;
    let optional = false;
    if (this.is('[')) {
      this.next();
      this.expect(']', "']' (list types are written 'Type[]')");
      list = true;
    }
    if (this.is('?')) {
      this.next();
      optional = true;
    }
    if (list && optional)
      this.fail(`A field type cannot be both a list and optional ('${t.text}[]?')`, this.prev());
    return {
      name: this.ident(t),
      optional,
      list,
      ...(unsupported === undefined ? {} : { unsupported }),
      span: this.spanFrom(t),
    };
  }

  private parseAttribute(): AttributeNode {
    const first = this.pos;
    const at = this.next();
    const nameTok = this.tok;
    if (nameTok.kind !== 'ident' || nameTok.start !== at.end)
      this.fail(`Expected an attribute name right after '${at.text}'`);
    this.next();
    let name = at.text + nameTok.text;
    while (this.is('.') && this.tok.start === this.prev().end) {
      this.next();
      const part = this.expectIdent('an attribute name after "."');
      name += '.' + part.text;
    }
    const nameSpan = this.spanFrom(at);
    const parens = this.is('(');
    const args = parens ? this.parseArgList() : [];
    return {
      kind: 'attribute',
      name,
      nameSpan,
      args,
      parens,
      span: this.spanFrom(at),
      firstToken: first,
      lastToken: this.pos - 1,
    };
  }

  private parseEnum(first: number): EnumDecl {
    const name = this.ident(this.expectIdent('an enum name'));
    const body = this.parseBody<EnumMember>(() => {
      if (this.is('@@')) return this.parseAttribute();
      const valueFirst = this.pos;
      const valueToken = this.expectIdent('an enum value');
      const value = this.ident(valueToken);
      const attributes: AttributeNode[] = [];
      while (this.is('@') && this.tok.line === valueToken.line)
        attributes.push(this.parseAttribute());
      const doc = this.docAt(valueFirst);
      return {
        kind: 'enumValue',
        name: value,
        attributes,
        span: this.spanFrom(this.tokens[valueFirst] ?? this.tok),
        firstToken: valueFirst,
        lastToken: this.pos - 1,
        ...(doc === undefined ? {} : { doc }),
      };
    });
    const doc = this.docAt(first);
    return {
      kind: 'enum',
      name,
      members: body.items,
      closeToken: body.closeToken,
      span: this.spanFrom(this.tokens[first] ?? this.tok),
      firstToken: first,
      lastToken: this.pos - 1,
      ...(doc === undefined ? {} : { doc }),
    };
  }

  private parseConfig(first: number, keyword: ConfigDecl['keyword']): ConfigDecl {
    const name = this.ident(this.expectIdent(`a ${keyword} name`));
    const body = this.parseBody<ConfigEntry>(() => {
      const entryFirst = this.pos;
      const key = this.ident(this.expectIdent('a setting name'));
      this.expect('=', `'=' after '${key.name}'`);
      const value = this.parseExpression();
      return {
        kind: 'entry',
        key,
        value,
        span: this.spanFrom(this.tokens[entryFirst] ?? this.tok),
        firstToken: entryFirst,
        lastToken: this.pos - 1,
      };
    });
    const doc = this.docAt(first);
    return {
      kind: 'config',
      keyword,
      name,
      entries: body.items,
      closeToken: body.closeToken,
      span: this.spanFrom(this.tokens[first] ?? this.tok),
      firstToken: first,
      lastToken: this.pos - 1,
      ...(doc === undefined ? {} : { doc }),
    };
  }
}

export { Diagnostics };
