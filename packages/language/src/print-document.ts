import type { Decl, Document, EnumMember, ImportDecl, ModelMember, ConfigEntry } from './ast.js';
import type { Comment } from './lexer.js';
import { printAttribute, printExpression, printType } from './print-expression.js';

type Member = ModelMember | EnumMember | ConfigEntry;

/**
 * Prints a parsed file in canonical layout: two-space indent, field columns aligned within runs
 * of fields, one blank line between blocks, at most one blank line kept inside a block, every
 * comment kept. `skip` leaves nodes out (the Prisma importer drops unsupported features).
 */
export function printDocument(doc: Document, skip: ReadonlySet<object> = new Set()): string {
  const p = new Printer(doc, skip);
  return p.print();
}

class Printer {
  private readonly out: string[] = [];

  constructor(
    private readonly doc: Document,
    private readonly skip: ReadonlySet<object>,
  ) {}

  print(): string {
    const top: (Decl | ImportDecl)[] = [...this.doc.imports, ...this.doc.decls]
      .filter((n) => !this.skip.has(n))
      .sort((a, b) => a.firstToken - b.firstToken);
    let previous: Decl | ImportDecl | undefined;
    for (const node of top) {
      const comments = this.ownLineComments(node.firstToken);
      const blankBefore =
        previous !== undefined && !(previous.kind === 'import' && node.kind === 'import');
      if (blankBefore) this.out.push('');
      this.comments(comments, '', node.firstToken, false);
      if (node.kind === 'import')
        this.out.push(
          `import ${this.tokenText(node.firstToken + 1)}${this.trailing(node.lastToken)}`,
        );
      else this.decl(node);
      previous = node;
    }
    const eof = this.doc.tokens.length - 1;
    const tail = this.ownLineComments(eof);
    if (tail.length > 0) {
      if (previous) this.out.push('');
      this.comments(tail, '', eof, true);
    }
    while (this.out.length > 0 && this.out[this.out.length - 1] === '') this.out.pop();
    return this.out.length === 0 ? '' : this.out.join('\n') + '\n';
  }

  private tokenText(index: number): string {
    return this.doc.tokens[index]?.text ?? '';
  }

  private lineOf(index: number): number {
    return this.doc.tokens[index]?.line ?? 0;
  }

  /** Comments above token `index` on their own lines (not trailing the previous token). */
  private ownLineComments(index: number): Comment[] {
    const token = this.doc.tokens[index];
    if (!token) return [];
    const prevLine = index > 0 ? this.lineOf(index - 1) : 0;
    return token.leading.filter((c) => c.line > prevLine || index === 0);
  }

  /** A comment on the same line right after token `index`. */
  private trailing(index: number): string {
    const next = this.doc.tokens[index + 1];
    const line = this.lineOf(index);
    const c = next?.leading.find((x) => x.line === line);
    return c ? ' ' + commentText(c) : '';
  }

  /** Prints comments keeping single blank lines between groups; `last` also keeps one before `index`. */
  private comments(
    comments: readonly Comment[],
    indent: string,
    index: number,
    atEnd: boolean,
  ): void {
    comments.forEach((c, i) => {
      const next = comments[i + 1];
      this.out.push(indent + commentText(c));
      const endLine = c.line + (c.text.match(/\n/g)?.length ?? 0);
      const nextLine = next ? next.line : atEnd ? endLine + 1 : this.lineOf(index);
      if (nextLine > endLine + 1) this.out.push('');
    });
  }

  private decl(decl: Decl): void {
    const head =
      decl.kind === 'model'
        ? `${decl.abstract ? 'abstract ' : ''}${decl.keyword} ${decl.name.name}${decl.extends.length > 0 ? ` extends ${decl.extends.map((e) => e.name).join(', ')}` : ''}`
        : decl.kind === 'enum'
          ? `enum ${decl.name.name}`
          : `${decl.keyword} ${decl.name.name}`;
    let open = decl.firstToken;
    while (open < decl.closeToken && this.doc.tokens[open]?.text !== '{') open++;
    // Comments inside the header (`model A // note` then `{`) move above the declaration.
    const inHeader: Comment[] = [];
    for (let i = decl.firstToken + 1; i <= open; i++)
      inHeader.push(...(this.doc.tokens[i]?.leading ?? []));
    for (const c of inHeader) this.out.push(commentText(c));
    this.out.push(`${head} {${this.trailing(open)}`);
    const members = (decl.kind === 'config' ? decl.entries : decl.members).filter(
      (m) => !this.skip.has(m),
    );
    this.members(members);
    const inside = this.ownLineComments(decl.closeToken);
    if (inside.length > 0 && members.length > 0) {
      const lastLine = this.lineOf((members[members.length - 1] as Member).lastToken);
      if ((inside[0] as Comment).line > lastLine + 1) this.out.push('');
    }
    this.comments(inside, '  ', decl.closeToken, true);
    while (this.out[this.out.length - 1] === '' && inside.length > 0) this.out.pop();
    this.out.push(
      `}${this.doc.tokens[decl.closeToken]?.text === '}' ? this.trailing(decl.closeToken) : ''}`,
    );
  }

  private members(members: readonly Member[]): void {
    const groups: Member[][] = [];
    let group: Member[] = [];
    members.forEach((m, i) => {
      const blank = i > 0 && this.blankBefore(m);
      const breaks = m.kind === 'attribute' || blank || group.some((g) => g.kind === 'attribute');
      if (group.length > 0 && breaks) {
        groups.push(group);
        group = [];
      }
      group.push(m);
    });
    if (group.length > 0) groups.push(group);
    let first = true;
    for (const g of groups) {
      const widths = this.widths(g);
      for (const m of g) {
        if (!first && this.blankBefore(m)) this.out.push('');
        first = false;
        this.comments(this.ownLineComments(m.firstToken), '  ', m.firstToken, false);
        this.out.push('  ' + this.memberText(m, widths) + this.trailing(m.lastToken));
      }
    }
  }

  private blankBefore(m: Member): boolean {
    const comments = this.ownLineComments(m.firstToken);
    const start = comments[0]?.line ?? this.lineOf(m.firstToken);
    return start > this.lineOf(m.firstToken - 1) + 1;
  }

  private hasInnerComments(m: Member): boolean {
    for (let i = m.firstToken + 1; i <= m.lastToken; i++)
      if ((this.doc.tokens[i]?.leading.length ?? 0) > 0) return true;
    return false;
  }

  private widths(group: readonly Member[]): { name: number; type: number } {
    let name = 0;
    let type = 0;
    for (const m of group) {
      if (this.hasInnerComments(m)) continue;
      if (m.kind === 'field') {
        name = Math.max(name, m.name.name.length);
        type = Math.max(type, printType(m.type).length);
      } else if (m.kind === 'enumValue') name = Math.max(name, m.name.name.length);
      else if (m.kind === 'entry') name = Math.max(name, m.key.name.length);
    }
    return { name, type };
  }

  private memberText(m: Member, widths: { name: number; type: number }): string {
    if (this.hasInnerComments(m)) {
      const first = this.doc.tokens[m.firstToken];
      const last = this.doc.tokens[m.lastToken];
      return first && last ? this.doc.file.text.slice(first.start, last.end) : '';
    }
    const attrs = (list: readonly { name: string }[]) =>
      list
        .filter((a) => !this.skip.has(a))
        .map((a) => printAttribute(a as never))
        .join(' ');
    switch (m.kind) {
      case 'attribute':
        return printAttribute(m);
      case 'field': {
        const a = attrs(m.attributes);
        const type = printType(m.type);
        return a
          ? `${m.name.name.padEnd(widths.name)} ${type.padEnd(widths.type)} ${a}`
          : `${m.name.name.padEnd(widths.name)} ${type}`;
      }
      case 'enumValue': {
        const a = attrs(m.attributes);
        return a ? `${m.name.name.padEnd(widths.name)} ${a}` : m.name.name;
      }
      case 'entry':
        return `${m.key.name.padEnd(widths.name)} = ${printExpression(m.value)}`;
    }
  }
}

function commentText(c: Comment): string {
  if (c.text.startsWith('/*')) return c.text;
  return (c.doc ? '///' : '//') + c.text.trimEnd();
}
