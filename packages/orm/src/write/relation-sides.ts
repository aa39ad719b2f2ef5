import { sql } from 'kysely';
import { WardenError } from '@warden/schema';
import { andAll, fromHook, predSql, whereClause } from '../filter/predicate.js';
import { tableAs } from '../relation/join.js';
import type { CreatePlan, SetItem, WhereRef } from './plan-types.js';
import type { RelationInfo, RelationSide } from './relation-info.js';
import type { Scoped } from './run-statement.js';
import { ALL, run, writeFilter } from './run-statement.js';
import type { Row } from './statement.js';
import { aliased } from './statement.js';
import {
  connectTarget,
  deleteWhere,
  notFound,
  notReached,
  runCached,
  selectRows,
  updateWhere,
  whereKey,
} from './statements.js';
import type { UpdateOrigin } from './write-hooks.js';
import type { WriteScope } from './write-scope.js';

/**
 * How each kind of relation (`RelationInfo.side`) makes and breaks links: one object per
 * side, so the nested-write walk (`run-tree.ts`) says what to do and the side says how.
 */

/** One relation of one written parent row: what a side's operations work on. */
export interface Link {
  readonly w: WriteScope;
  readonly rel: RelationInfo;
  /** The parent row (all columns; an owner side updates its foreign key in place). */
  readonly parent: Row;
  /** What the update hooks are told about the updates the link makes. */
  readonly origin: UpdateOrigin;
  /** The tree insert (`run-tree.ts`'s `createTree`), passed in so sides do not import the walk. */
  readonly createTree: (w: WriteScope, plan: CreatePlan, fixed?: Row) => Promise<Row>;
}

/** The nested writes whose SQL depends on where the relation's key lives. */
export interface SideOps {
  /** Rows of the target linked to `parent`. */
  linked(rel: RelationInfo, parent: Row): Scoped;
  /** Links the rows `wheres` name (NOT_FOUND for a missing one). */
  connect(l: Link, wheres: readonly WhereRef[]): Promise<void>;
  /** Links `row`, which a lookup by `where` just found (`connectOrCreate`). */
  connectFound(l: Link, row: Row, where: WhereRef): Promise<void>;
  /** Creates linked rows (an owner side takes the first plan only). */
  create(l: Link, plans: readonly CreatePlan[]): Promise<void>;
  /** Unlinks the rows `wheres` name; `all`: `disconnect: true` of a to-one. */
  disconnect(l: Link, wheres: readonly WhereRef[], all: boolean): Promise<void>;
  /** Unlinks every linked row the caller may see, then links the rows `wheres` name. */
  set(l: Link, wheres: readonly WhereRef[]): Promise<void>;
  /** Deletes linked rows matching `where`; NOT_FOUND when `expectOne` and none is. */
  delete(l: Link, where: WhereRef | undefined, expectOne: boolean): Promise<void>;
}

/** The operations of `rel`'s side. */
export function sideOps(rel: RelationInfo): SideOps {
  return SIDES[rel.side];
}

/** Rows of the relation's target linked to the parent row `parent`. */
export function linkedTo(rel: RelationInfo, parent: Row): Scoped {
  return SIDES[rel.side].linked(rel, parent);
}

/**
 * `linkedTo`, limited under access policies to links whose foreign key the caller may read:
 * a relation is no more readable than its key (see `relationJoin`), so a nested update or
 * delete can neither reach nor reveal a row linked through a hidden key. On the owner side
 * the key is the parent's, checked on the parent row as stored.
 */
export function visiblyLinked(w: WriteScope, rel: RelationInfo, parent: Row): Scoped {
  const linked = linkedTo(rel, parent);
  const { ctx } = w;
  const readable = ctx.hooks?.fieldReadable?.bind(ctx.hooks);
  if (!readable || rel.side === 'm2m') return linked;
  if (rel.side !== 'owner') {
    return (b, alias) =>
      andAll([
        linked(b, alias),
        ...rel.fk.map((f) => fromHook(readable(rel.target, f, alias, ctx, 'link'))),
      ]);
  }
  const m = rel.model;
  const mask = andAll(rel.fk.map((f) => fromHook(readable(m, f, '_lk', ctx, 'link'))));
  if (mask === true) return linked;
  if (mask === false) return () => false;
  return (b, alias) => {
    const own = andAll(
      m.idFields.map((f) => sql<boolean>`${aliased('_lk', m, f)} = ${b.bind(parent[f])}`),
    );
    return andAll([
      linked(b, alias),
      sql<boolean>`exists (select 1 from ${tableAs(m, '_lk')} where ${predSql(ctx.dialect, andAll([own, mask]))})`,
    ]);
  };
}

/**
 * True when, under access policies, `parent` (the owner side of `rel`) holds a key to a row
 * a nested upsert could not reach: the key is set, so the row exists, but it is hidden or not
 * permitted. Replacing it with a created row would write around the rules.
 */
export function linkedRowHidden(w: WriteScope, rel: RelationInfo, parent: Row): boolean {
  return (
    rel.side === 'owner' &&
    !!w.ctx.hooks?.rowFilter &&
    rel.fk.every((f) => parent[f] !== null && parent[f] !== undefined)
  );
}

/** FK values a target row gets to point at `parent` (`inverse` / `toMany`). */
export function fkValues(rel: RelationInfo, parent: Row): Row {
  const out: Row = {};
  rel.fk.forEach((f, i) => (out[f] = parent[rel.refs[i]!]));
  return out;
}

/** Sets the target rows' foreign key to `parent` (connect) or null (disconnect). */
function linkSets(rel: RelationInfo, parent: Row | null): SetItem[] {
  return rel.fk.map((f, i) => ({
    field: rel.target.fields[f]!,
    op: 'set' as const,
    value: parent === null ? null : parent[rel.refs[i]!],
  }));
}

function notASide(rel: RelationInfo, op: string): never {
  throw new WardenError('CONFIG', `internal: '${op}' on the ${rel.side} side of ${rel.field.name}`);
}

// ---- owner: the key is on the parent (`Post.author`) ----

/** Points the parent row's foreign key at `target` (or null). */
async function setParentKeys(l: Link, target: Row | null): Promise<void> {
  const { rel, parent } = l;
  const m = rel.model;
  const sets: SetItem[] = rel.fk.map((f, i) => ({
    field: m.fields[f]!,
    op: 'set',
    value: target === null ? null : target[rel.refs[i]!],
  }));
  const byId: Scoped = (b, alias) =>
    andAll(m.idFields.map((f) => sql<boolean>`${aliased(alias, m, f)} = ${b.bind(parent[f])}`));
  await updateWhere(l.w, m, { sets, extra: byId, returning: false, origin: l.origin });
  for (const [i, f] of rel.fk.entries()) parent[f] = target === null ? null : target[rel.refs[i]!];
}

const owner: SideOps = {
  linked: (rel, parent) => (b, alias) =>
    rel.fk.some((f) => parent[f] === null || parent[f] === undefined)
      ? false
      : andAll(
          rel.refs.map(
            (r, i) =>
              sql<boolean>`${aliased(alias, rel.target, r)} = ${b.bind(parent[rel.fk[i]!])}`,
          ),
        ),
  connect: async (l, wheres) =>
    setParentKeys(l, await connectTarget(l.w, l.rel.target, wheres[0]!)),
  connectFound: (l, row) => setParentKeys(l, row),
  create: async (l, plans) => setParentKeys(l, await l.createTree(l.w, plans[0]!)),
  disconnect: (l) => setParentKeys(l, null),
  set: (l) => notASide(l.rel, 'set'),
  async delete(l, where) {
    const { w, rel, parent } = l;
    const t = rel.target;
    const reached = visiblyLinked(w, rel, parent);
    const [row] = await selectRows(w, t, where, reached, 'delete', 1);
    if (!row) throw await notReached(w, t, 'delete', where, reached);
    if (rel.fk.every((f) => rel.model.fields[f]!.optional)) await setParentKeys(l, null);
    const byId: Scoped = (b, alias) =>
      andAll(t.idFields.map((f) => sql<boolean>`${aliased(alias, t, f)} = ${b.bind(row[f])}`));
    await deleteWhere(w, t, undefined, byId, false);
  },
};

// ---- inverse and toMany: the key is on the target (`User.profile`, `User.posts`) ----

/** Sets the key of the target rows `where` names (within `extra`) to the parent or null. */
async function setTargetKeys(
  l: Link,
  to: Row | null,
  where: WhereRef | undefined,
  extra: Scoped,
): Promise<number> {
  const sets = linkSets(l.rel, to);
  return (
    await updateWhere(l.w, l.rel.target, { sets, where, extra, returning: false, origin: l.origin })
  ).count;
}

/** Connects the target row `where` names to the parent; NOT_FOUND when there is none. */
async function connectByKey(l: Link, where: WhereRef): Promise<void> {
  if ((await setTargetKeys(l, l.parent, where, ALL)) === 0)
    throw notFound(l.w, l.rel.target, 'connect', where);
}

/**
 * The target side of a relation: `letGo` (one-to-one from the side without the key) makes a
 * previously linked row let go before a new link, when its key is optional.
 */
function keyOnTarget(letGo: boolean): SideOps {
  const unlinkPrevious = async (l: Link): Promise<void> => {
    if (!letGo || !l.rel.fk.every((f) => l.rel.target.fields[f]!.optional)) return;
    await setTargetKeys(l, null, undefined, side.linked(l.rel, l.parent));
  };
  const side: SideOps = {
    linked: (rel, parent) => (b, alias) =>
      andAll(
        rel.fk.map(
          (f, i) =>
            sql<boolean>`${aliased(alias, rel.target, f)} = ${b.bind(parent[rel.refs[i]!])}`,
        ),
      ),
    async connect(l, wheres) {
      await unlinkPrevious(l);
      for (const where of wheres) await connectByKey(l, where);
    },
    async connectFound(l, _row, where) {
      await unlinkPrevious(l);
      await connectByKey(l, where);
    },
    async create(l, plans) {
      await unlinkPrevious(l);
      for (const plan of plans) await l.createTree(l.w, plan, fkValues(l.rel, l.parent));
    },
    async disconnect(l, wheres, all) {
      const linked = side.linked(l.rel, l.parent);
      if (all) await setTargetKeys(l, null, wheres[0], linked);
      else for (const where of wheres) await setTargetKeys(l, null, where, linked);
    },
    async set(l, wheres) {
      await setTargetKeys(l, null, undefined, side.linked(l.rel, l.parent));
      for (const where of wheres) await connectByKey(l, where);
    },
    async delete(l, where, expectOne) {
      const t = l.rel.target;
      const reached = visiblyLinked(l.w, l.rel, l.parent);
      const res = await deleteWhere(l.w, t, where, reached, false);
      if (expectOne && res.count === 0) throw await notReached(l.w, t, 'delete', where, reached);
    },
  };
  return side;
}

// ---- m2m: links are rows of the join table ----

async function joinInsert(l: Link, target: Row): Promise<void> {
  const { rel } = l;
  const j = rel.join!;
  const own = l.parent[rel.model.idFields[0]!];
  const other = target[rel.target.idFields[0]!];
  await runCached(
    l.w,
    rel.model,
    `jins|${rel.model.name}.${rel.field.name}`,
    [own, other],
    (_s, b) =>
      sql`insert into ${sql.table(j.name)} (${sql.ref(j.column)}, ${sql.ref(j.otherColumn)}) values (${b.bind(own)}, ${b.bind(other)}) on conflict do nothing`,
  );
}

async function joinDelete(l: Link, where: WhereRef | undefined): Promise<void> {
  const { w, rel } = l;
  const j = rel.join!;
  const own = l.parent[rel.model.idFields[0]!];
  const t = rel.target;
  await run(w, rel.model, (scope, b) => {
    const ownPred = sql`${sql.ref(j.column)} = ${b.bind(own)}`;
    const alias = scope.nextAlias();
    // Without a `where` (`set` clearing the list), only links to rows the caller may read go:
    // hidden rows stay linked, as a disconnect naming them finds nothing.
    const pred = writeFilter(scope, b, t, alias, 'read', where, ALL);
    if (pred === true) return sql`delete from ${sql.table(j.name)} where ${ownPred}`;
    if (pred === false) return null;
    return sql`delete from ${sql.table(j.name)} where ${ownPred} and ${sql.ref(j.otherColumn)} in (select ${aliased(alias, t, t.idFields[0]!)} from ${tableAs(t, alias)}${whereClause(w.ctx.dialect, pred)})`;
  });
}

/**
 * Links the row `where` names: one statement inserts the link; only when it links nothing
 * (missing, or already linked) does a lookup tell the two apart.
 */
async function joinConnect(l: Link, where: WhereRef): Promise<void> {
  const { w, rel } = l;
  const j = rel.join!;
  const t = rel.target;
  const own = l.parent[rel.model.idFields[0]!];
  const res = await runCached(
    w,
    rel.model,
    `jconn|${rel.model.name}.${rel.field.name}|${whereKey(where)}`,
    [own],
    (scope, b) => {
      const ownValue = b.bind(own);
      const alias = scope.nextAlias();
      const pred = writeFilter(scope, b, t, alias, 'read', where, ALL);
      if (pred === false) return null;
      return sql`insert into ${sql.table(j.name)} (${sql.ref(j.column)}, ${sql.ref(j.otherColumn)}) select ${ownValue}, ${aliased(alias, t, t.idFields[0]!)} from ${tableAs(t, alias)} where ${predSql(w.ctx.dialect, pred)} on conflict do nothing`;
    },
  );
  if (res.count > 0) return;
  await connectTarget(w, t, where);
}

const m2m: SideOps = {
  linked(rel, parent) {
    const j = rel.join!;
    const t = rel.target;
    const own = parent[rel.model.idFields[0]!];
    return (b, alias) =>
      sql<boolean>`exists (select 1 from ${sql.table(j.name)} as "_j" where ${sql.ref(`_j.${j.otherColumn}`)} = ${aliased(alias, t, t.idFields[0]!)} and ${sql.ref(`_j.${j.column}`)} = ${b.bind(own)})`;
  },
  async connect(l, wheres) {
    for (const where of wheres) await joinConnect(l, where);
  },
  connectFound: (l, _row, where) => joinConnect(l, where),
  async create(l, plans) {
    for (const plan of plans) await joinInsert(l, await l.createTree(l.w, plan));
  },
  async disconnect(l, wheres) {
    for (const where of wheres) await joinDelete(l, where);
  },
  async set(l, wheres) {
    await joinDelete(l, undefined);
    for (const where of wheres) await joinConnect(l, where);
  },
  async delete(l, where, expectOne) {
    const { w, rel } = l;
    const t = rel.target;
    const linked = m2m.linked(rel, l.parent);
    const rows = await selectRows(w, t, where, linked, 'delete');
    if (expectOne && rows.length === 0) throw await notReached(w, t, 'delete', where, linked);
    if (rows.length === 0) return;
    const id = t.idFields[0]!;
    const ids = rows.map((r) => r[id]);
    const j = rel.join!;
    await run(
      w,
      t,
      (_s, b) =>
        sql`delete from ${sql.table(j.name)} where ${sql.ref(j.otherColumn)} in (${sql.join(ids.map((v) => b.bind(v)))})`,
    );
    const inIds: Scoped = (b, alias) =>
      sql<boolean>`${aliased(alias, t, id)} in (${sql.join(ids.map((v) => b.bind(v)))})`;
    await deleteWhere(w, t, undefined, inIds, false);
  },
};

const SIDES: Readonly<Record<RelationSide, SideOps>> = {
  owner,
  inverse: keyOnTarget(true),
  toMany: keyOnTarget(false),
  m2m,
};
