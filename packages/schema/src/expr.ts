/**
 * Policy and validation expressions as immutable, `kind`-tagged trees.
 *
 * The language layer resolves every name before building these: a `field` or `member` node
 * carries the model that owns the field, enum values are `enum` nodes, and `auth()`,
 * `future()` and `this` are nodes of their own. Consumers (the SQL compiler, the reference
 * evaluator, the checker) therefore never look names up by scope.
 *
 * @example
 * ```ts
 * // auth() != null && status == 'published'   (on model Post)
 * const e: Expr = {
 *   kind: 'binary', op: '&&',
 *   left: { kind: 'binary', op: '!=', left: { kind: 'auth' }, right: { kind: 'null' } },
 *   right: {
 *     kind: 'binary', op: '==',
 *     left: { kind: 'field', name: 'status', model: 'Post' },
 *     right: { kind: 'literal', value: 'published' },
 *   },
 * };
 * ```
 */
export type Expr =
  | LiteralExpr
  | NullExpr
  | ThisExpr
  | AuthExpr
  | FutureExpr
  | FieldExpr
  | MemberExpr
  | EnumValueExpr
  | ArrayExpr
  | UnaryExpr
  | BinaryExpr
  | CollectionExpr
  | CallExpr;

export interface LiteralExpr {
  readonly kind: 'literal';
  /** Integers beyond 2^53 are `{ bigint: "..." }`. */
  readonly value: string | number | boolean | { readonly bigint: string };
}

export interface NullExpr {
  readonly kind: 'null';
}

/** The row the rule is about (inside a collection predicate: still the outer row). */
export interface ThisExpr {
  readonly kind: 'this';
}

/** The current user, an object shaped like the auth model; `null` when anonymous. */
export interface AuthExpr {
  readonly kind: 'auth';
}

/** The row as it will be after an update; only in update rules. */
export interface FutureExpr {
  readonly kind: 'future';
}

/**
 * A field of the row in scope: the rule's model, or inside a collection predicate the element
 * of the collection. `model` is the model that owns the field.
 */
export interface FieldExpr {
  readonly kind: 'field';
  readonly name: string;
  readonly model: string;
}

/** `object.name`: `auth().role`, `author.role`, `future().status`, `this.id`. */
export interface MemberExpr {
  readonly kind: 'member';
  readonly object: Expr;
  readonly name: string;
  /** The model that owns field `name`. */
  readonly model: string;
}

export interface EnumValueExpr {
  readonly kind: 'enum';
  readonly enum: string;
  readonly value: string;
}

export interface ArrayExpr {
  readonly kind: 'array';
  readonly items: readonly Expr[];
}

export interface UnaryExpr {
  readonly kind: 'unary';
  readonly op: '!';
  readonly operand: Expr;
}

export type BinaryOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | 'in';

export interface BinaryExpr {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

/**
 * `posts?[published]` (some), `posts![published]` (every), `posts^[published]` (none).
 * `collection` is a to-many relation path; inside `predicate`, `field` nodes refer to the
 * collection's element model.
 */
export interface CollectionExpr {
  readonly kind: 'collection';
  readonly quantifier: 'some' | 'every' | 'none';
  readonly collection: Expr;
  readonly predicate: Expr;
}

export type FunctionName =
  | 'contains'
  | 'startsWith'
  | 'endsWith'
  | 'has'
  | 'hasSome'
  | 'hasEvery'
  | 'isEmpty'
  | 'now'
  | 'currentModel'
  | 'currentOperation'
  | 'check'
  | 'length'
  | 'regex'
  | 'email'
  | 'url'
  | 'datetime';

/**
 * A function call. `check(author, 'read')` has a relation path and an optional operation
 * literal as arguments.
 */
export interface CallExpr {
  readonly kind: 'call';
  readonly name: FunctionName;
  readonly args: readonly Expr[];
}
