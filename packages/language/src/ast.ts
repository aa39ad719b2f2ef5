import type { Comment, Token } from './lexer.js';
import type { SourceFile, Span } from './source-file.js';

/** Syntax tree of one file, every node with its source span. */
export interface Document {
  readonly file: SourceFile;
  readonly imports: ImportDecl[];
  readonly decls: Decl[];
  /** All tokens (comments hang on them), kept for the formatter. */
  readonly tokens: readonly Token[];
}

export interface Ident {
  readonly name: string;
  readonly span: Span;
}

export interface ImportDecl {
  readonly kind: 'import';
  readonly path: string;
  readonly span: Span;
  readonly firstToken: number;
  readonly lastToken: number;
}

export type Decl = ModelDecl | EnumDecl | ConfigDecl;

/** Common to declarations and members: where they are and which tokens they cover. */
interface Node {
  readonly span: Span;
  /** Index of the first and last token (for the formatter's comment handling). */
  readonly firstToken: number;
  readonly lastToken: number;
  /** `///` doc comments just above, joined with new lines. */
  readonly doc?: string;
}

export interface ModelDecl extends Node {
  readonly kind: 'model';
  /** `view` blocks parse like models; only the Prisma importer accepts them. */
  readonly keyword: 'model' | 'view' | 'type';
  readonly name: Ident;
  readonly abstract: boolean;
  readonly extends: Ident[];
  readonly members: ModelMember[];
  readonly closeToken: number;
}

export type ModelMember = FieldDecl | AttributeNode;

export interface FieldDecl extends Node {
  readonly kind: 'field';
  readonly name: Ident;
  readonly type: TypeRef;
  readonly attributes: AttributeNode[];
}

export interface TypeRef {
  readonly name: Ident;
  readonly optional: boolean;
  readonly list: boolean;
  /** `Unsupported("...")`: the raw database type. */
  readonly unsupported?: string;
  readonly span: Span;
}

/** `@id`, `@db.VarChar(255)`, `@@allow('read', true)`: name keeps its `@`/`@@`. */
export interface AttributeNode extends Node {
  readonly kind: 'attribute';
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: Arg[];
  /** True when written with parentheses, even empty ones. */
  readonly parens: boolean;
}

export interface Arg {
  readonly name?: Ident;
  readonly value: ExprNode;
  readonly span: Span;
}

export interface EnumDecl extends Node {
  readonly kind: 'enum';
  readonly name: Ident;
  readonly members: EnumMember[];
  readonly closeToken: number;
}

export type EnumMember = EnumValueDecl | AttributeNode;

export interface EnumValueDecl extends Node {
  readonly kind: 'enumValue';
  readonly name: Ident;
  readonly attributes: AttributeNode[];
}

export interface ConfigDecl extends Node {
  readonly kind: 'config';
  readonly keyword: 'datasource' | 'generator' | 'plugin';
  readonly name: Ident;
  readonly entries: ConfigEntry[];
  readonly closeToken: number;
}

export interface ConfigEntry extends Node {
  readonly kind: 'entry';
  readonly key: Ident;
  readonly value: ExprNode;
}

/** Expressions as written (names unresolved); `paren` keeps grouping for the formatter. */
export type ExprNode =
  | { readonly k: 'string'; readonly value: string; readonly raw: string; readonly span: Span }
  | { readonly k: 'number'; readonly raw: string; readonly span: Span }
  | { readonly k: 'boolean'; readonly value: boolean; readonly span: Span }
  | { readonly k: 'null'; readonly span: Span }
  | { readonly k: 'this'; readonly span: Span }
  | { readonly k: 'ident'; readonly name: string; readonly span: Span }
  | { readonly k: 'member'; readonly object: ExprNode; readonly name: Ident; readonly span: Span }
  | { readonly k: 'call'; readonly callee: Ident; readonly args: Arg[]; readonly span: Span }
  | { readonly k: 'array'; readonly items: ExprNode[]; readonly span: Span }
  | { readonly k: 'unary'; readonly op: '!' | '-'; readonly operand: ExprNode; readonly span: Span }
  | {
      readonly k: 'binary';
      readonly op: BinaryOpText;
      readonly left: ExprNode;
      readonly right: ExprNode;
      readonly span: Span;
    }
  | {
      readonly k: 'collection';
      readonly quantifier: '?' | '!' | '^';
      readonly collection: ExprNode;
      readonly predicate: ExprNode;
      readonly span: Span;
    }
  | { readonly k: 'paren'; readonly inner: ExprNode; readonly span: Span }
  /** Placeholder after a syntax error, so that parsing can go on. */
  | { readonly k: 'error'; readonly span: Span };

export type BinaryOpText = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | 'in';

export type { Comment };
