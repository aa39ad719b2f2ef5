import { describe, expect, it } from 'vitest';
import type { FieldDef, SchemaDef } from '@warden/schema';
import { createChecker } from '../../src/checker/index.js';
import { evaluateRule } from '../../src/index.js';
import {
  allow,
  arr,
  auth,
  authOf,
  bin,
  blogSchema,
  call,
  deny,
  enumField,
  fld,
  lit,
  mem,
  model,
  not,
  nul,
  postCheckSchema,
  scalar,
  self,
  thing,
  thingSchema,
} from './fixtures.js';

const read = { operation: 'read' } as const;

describe("the guide's worked examples (post-check schema)", () => {
  const checker = createChecker(postCheckSchema());

  it('1. an anonymous user can read posts (published ones)', () => {
    expect(checker.check('Post', undefined, { ...read, explain: true })).toEqual({
      allowed: true,
      witness: { published: true },
    });
  });

  it('2. an anonymous user cannot read unpublished posts', () => {
    expect(checker.check('Post', undefined, { ...read, where: { published: false } })).toBe(false);
    expect(
      checker.check('Post', undefined, { ...read, where: { published: false }, explain: true }),
    ).toEqual({
      allowed: false,
      deniedBy: ['published || authorId == auth().id'],
    });
  });

  it('3. user #1 can read unpublished posts (their own)', () => {
    expect(
      checker.check('Post', { id: 1 }, { ...read, where: { published: false }, explain: true }),
    ).toEqual({
      allowed: true,
      witness: { published: false, authorId: 1 },
    });
    expect(
      checker.check('Post', { id: 1 }, { ...read, where: { published: false, authorId: 2 } }),
    ).toBe(false);
  });
});

describe('the seed blog rules', () => {
  const checker = createChecker(blogSchema());
  const reader = { id: 'u1', role: 'Reader' };
  const writer = { id: 'u2', role: 'Writer' };

  it('lets a Writer create posts, but not a Reader or an anonymous visitor', () => {
    expect(checker.check('Post', writer, { operation: 'create' })).toBe(true);
    expect(checker.check('Post', reader, { operation: 'create' })).toBe(false);
    expect(checker.check('Post', undefined, { operation: 'create' })).toBe(false);
  });

  it('hides posts from anonymous visitors and shows published ones to signed-in users', () => {
    expect(checker.check('Post', undefined, read)).toBe(false);
    expect(checker.check('Post', undefined, { ...read, where: { status: 'published' } })).toBe(
      false,
    );
    expect(checker.check('Post', reader, { ...read, where: { status: 'published' } })).toBe(true);
    expect(
      checker.check('Post', reader, { ...read, where: { status: 'draft', authorId: 'u9' } }),
    ).toBe(false);
  });

  it('gives authors full access to their own posts (author == auth())', () => {
    for (const operation of ['read', 'update', 'delete'] as const) {
      expect(
        checker.check('Post', reader, { operation, where: { status: 'draft', authorId: 'u1' } }),
      ).toBe(true);
      expect(checker.check('Post', reader, { operation, where: { author: { id: 'u1' } } })).toBe(
        true,
      );
      expect(checker.check('Post', reader, { operation, where: { authorId: 'u9' } })).toBe(
        operation === 'read' ? true : false,
      );
      expect(checker.check('Post', undefined, { operation })).toBe(false);
    }
    expect(checker.check('Post', reader, { operation: 'update', explain: true })).toEqual({
      allowed: true,
      witness: { authorId: 'u1' },
    });
  });

  it('lets everybody sign up and each user manage only themselves (auth() == this)', () => {
    expect(checker.check('User', undefined, { operation: 'create' })).toBe(true);
    expect(checker.check('User', undefined, read)).toBe(false);
    expect(checker.check('User', reader, { operation: 'update', where: { id: 'u1' } })).toBe(true);
    expect(checker.check('User', reader, { operation: 'update', where: { id: 'u2' } })).toBe(false);
  });

  it('answers checkAll for every model and operation', () => {
    expect(checker.checkAll(undefined)).toEqual({
      User: { create: true, read: false, update: false, delete: false },
      Post: { create: false, read: false, update: false, delete: false },
    });
    expect(
      checker.checkAll(writer, { models: ['Post'], operations: ['create', 'delete'] }),
    ).toEqual({
      Post: { create: true, delete: true },
    });
  });
});

describe('anonymous users and nulls follow the enforcement semantics', () => {
  const schemaWith = (...rules: Parameters<typeof thingSchema>[1]) =>
    createChecker(thingSchema([scalar('n', 'Int', { optional: true }), scalar('m', 'Int')], rules));

  it("auth().role != 'Writer' is TRUE for an anonymous user", () => {
    const c = schemaWith(allow(['read'], bin('!=', authOf('role'), lit('Writer'))));
    expect(c.check('Thing', undefined, read)).toBe(true);
    expect(c.check('Thing', { id: 1, role: 'Writer' }, read)).toBe(false);
    expect(c.check('Thing', { id: 1 }, read)).toBe(true);
  });

  it("@@deny('read', !(auth().level >= 3)) denies anonymous and users without a level", () => {
    const c = schemaWith(
      allow(['read'], lit(true)),
      deny(['read'], not(bin('>=', authOf('level'), lit(3)))),
    );
    expect(c.check('Thing', undefined, read)).toBe(false);
    expect(c.check('Thing', { id: 1 }, read)).toBe(false);
    expect(c.check('Thing', { id: 1, level: 2 }, read)).toBe(false);
    expect(c.check('Thing', { id: 1, level: 3 }, read)).toBe(true);
  });

  it("@@allow('read', !(auth().level < 0)) does not let an anonymous user in", () => {
    const c = schemaWith(allow(['read'], not(bin('<', authOf('level'), lit(0)))));
    expect(c.check('Thing', undefined, read)).toBe(false);
    expect(c.check('Thing', { id: 1, level: 5 }, read)).toBe(true);
    expect(c.check('Thing', { id: 1, level: -1 }, read)).toBe(false);
  });

  it('auth() == null holds only for anonymous users', () => {
    const c = schemaWith(allow(['read'], bin('==', auth, nul)));
    expect(c.check('Thing', undefined, read)).toBe(true);
    expect(c.check('Thing', { id: 1 }, read)).toBe(false);
  });

  it('lets optional fields be null and keeps required ones non-null', () => {
    expect(
      schemaWith(allow(['read'], bin('==', thing('n'), nul))).check('Thing', undefined, read),
    ).toBe(true);
    expect(
      schemaWith(allow(['read'], bin('==', thing('m'), nul))).check('Thing', undefined, read),
    ).toBe(false);
    const c = schemaWith(allow(['read'], bin('==', thing('n'), nul)));
    expect(c.check('Thing', undefined, { ...read, where: { n: 1 } })).toBe(false);
  });

  it('an UNKNOWN deny (null operand of >) denies', () => {
    const c = schemaWith(allow(['read'], lit(true)), deny(['read'], bin('>', thing('n'), lit(0))));
    expect(c.check('Thing', undefined, read)).toBe(true);
    expect(c.check('Thing', undefined, { ...read, where: { n: null } })).toBe(false);
    expect(c.check('Thing', undefined, { ...read, where: { n: { gt: 0 } } })).toBe(false);
    expect(c.check('Thing', undefined, { ...read, where: { n: 0 } })).toBe(true);
  });

  it('no rule for an operation means denied', () => {
    const c = schemaWith(allow(['read'], lit(true)));
    expect(c.check('Thing', { id: 1 }, { operation: 'delete' })).toBe(false);
    expect(c.check('Thing', { id: 1 }, { operation: 'delete', explain: true })).toEqual({
      allowed: false,
      deniedBy: ["(no @@allow rule for 'delete')"],
    });
  });
});

describe('numbers, dates, strings and enums are decided exactly', () => {
  const fields: FieldDef[] = [
    scalar('i', 'Int'),
    scalar('j', 'Int'),
    scalar('x', 'Float'),
    scalar('y', 'Float'),
    scalar('dec', 'Decimal'),
    scalar('big', 'BigInt'),
    scalar('at', 'DateTime'),
    scalar('title', 'String'),
    enumField('status', 'Status'),
  ];
  const enums = { Status: { name: 'Status', values: ['Draft', 'Live', 'Gone'] } };
  const ok = (
    cond: Parameters<typeof allow>[1],
    user?: Record<string, unknown>,
    where?: Record<string, unknown>,
  ) =>
    createChecker(thingSchema(fields, [allow(['read'], cond, 'rule')], enums)).check(
      'Thing',
      user,
      {
        ...read,
        where,
        explain: true,
      },
    );
  const and = (...xs: Parameters<typeof allow>[1][]) => xs.reduce((a, b) => bin('&&', a, b));

  it('knows integers have no value strictly between 2 and 3, rationals do', () => {
    expect(ok(and(bin('>', thing('i'), lit(2)), bin('<', thing('i'), lit(3)))).allowed).toBe(false);
    expect(ok(and(bin('>', thing('i'), lit(2.5)), bin('<=', thing('i'), lit(3)))).witness).toEqual({
      i: 3,
    });
    expect(ok(and(bin('>', thing('x'), lit(2)), bin('<', thing('x'), lit(3)))).allowed).toBe(true);
    expect(
      ok(and(bin('>', thing('dec'), lit(0.1)), bin('<', thing('dec'), lit(0.1)))).allowed,
    ).toBe(false);
    expect(
      ok(and(bin('>', thing('dec'), lit(0.1)), bin('<', thing('dec'), lit(0.2)))).witness,
    ).toEqual({
      dec: '0.15',
    });
  });

  it('keeps Int within 32 bits and BigInt within 64 bits, with literals of any size', () => {
    expect(ok(bin('>', thing('i'), lit(2147483647))).allowed).toBe(false);
    expect(ok(bin('>=', thing('i'), lit(2147483647))).witness).toEqual({ i: 2147483647 });
    const big = 2n ** 62n;
    expect(
      ok(and(bin('>', thing('big'), lit(big)), bin('<', thing('big'), lit(big + 2n)))).witness,
    ).toEqual({
      big: big + 1n,
    });
    expect(ok(bin('>', thing('big'), lit(2n ** 70n))).allowed).toBe(false);
    expect(ok(bin('<', thing('big'), lit(-(2n ** 63n)))).allowed).toBe(false);
  });

  it('compares variables with each other', () => {
    const i = thing('i');
    const j = thing('j');
    expect(ok(and(bin('>', i, lit(0)), bin('<', i, j), bin('<', j, lit(2)))).allowed).toBe(false);
    expect(
      ok(
        and(
          bin('>', thing('x'), lit(0)),
          bin('<', thing('x'), thing('y')),
          bin('<', thing('y'), lit(1)),
        ),
      ).allowed,
    ).toBe(true);
    expect(ok(and(bin('<', i, j), bin('<', j, i))).allowed).toBe(false);
    expect(ok(and(bin('<=', i, j), bin('<=', j, i), bin('!=', i, j))).allowed).toBe(false);
    expect(ok(bin('<', i, j), undefined, { i: 5, j: 5 }).allowed).toBe(false);
    expect(ok(bin('<', i, j), undefined, { i: 5 }).witness).toEqual({ i: 5, j: 6 });
    const between = and(bin('<', i, thing('x')), bin('<', thing('x'), j));
    expect(ok(between, undefined, { i: 1, j: 2 }).allowed).toBe(true);
    expect(ok(between, undefined, { i: 1, j: 1 }).allowed).toBe(false);
  });

  it('compares DateTime fields with auth() dates and date texts', () => {
    const since = new Date('2024-01-01T00:00:00.000Z');
    const r = ok(bin('>', thing('at'), authOf('since')), { id: 1, since });
    expect(r.witness).toEqual({ at: new Date(since.getTime() + 1) });
    expect(
      ok(bin('>', thing('at'), authOf('since')), { id: 1, since }, { at: since }).allowed,
    ).toBe(false);
    expect(ok(bin('>', thing('at'), authOf('since')), { id: 1 }).allowed).toBe(false);
    expect(
      ok(bin('<', thing('at'), lit('2024-01-01T00:00:00.000Z')), undefined, { at: { gte: since } })
        .allowed,
    ).toBe(false);
  });

  it('decides contains / startsWith / endsWith against literals', () => {
    const t = thing('title');
    expect(
      ok(and(call('startsWith', t, lit('ab')), not(call('contains', t, lit('b'))))).allowed,
    ).toBe(false);
    const r = ok(
      and(
        call('startsWith', t, lit('ab')),
        call('endsWith', t, lit('ba')),
        bin('!=', t, lit('aba')),
      ),
    );
    expect(r.allowed).toBe(true);
    expect(r.witness?.title).toMatch(/^ab.*ba$/);
    expect(
      ok(and(call('startsWith', t, lit('ab')), call('startsWith', t, lit('ac')))).allowed,
    ).toBe(false);
    expect(
      ok(call('contains', t, lit('x')), undefined, { title: { startsWith: 'yy', endsWith: 'zz' } })
        .allowed,
    ).toBe(true);
    expect(ok(call('contains', t, lit('x')), undefined, { title: 'yyzz' }).allowed).toBe(false);
  });

  it('limits enums to their declared values', () => {
    const s = thing('status');
    const none = and(
      bin('!=', s, lit('Draft')),
      bin('!=', s, lit('Live')),
      bin('!=', s, lit('Gone')),
    );
    expect(ok(none).allowed).toBe(false);
    expect(
      ok(bin('in', s, arr(lit('Draft'), lit('Live'))), undefined, { status: { in: ['Gone'] } })
        .allowed,
    ).toBe(false);
    expect(ok(bin('!=', s, lit('Draft')), undefined, { status: { not: 'Live' } }).witness).toEqual({
      status: 'Gone',
    });
  });
});

function relationSchema(): SchemaDef {
  const rel = (name: string, type: string, extra: Partial<FieldDef>): FieldDef => ({
    ...scalar(name, type),
    kind: 'relation',
    ...extra,
  });
  return {
    provider: 'postgresql',
    authModel: 'User',
    enums: {},
    models: {
      User: model(
        'User',
        [
          scalar('id', 'String', { id: true }),
          scalar('role', 'String'),
          rel('profile', 'Profile', {
            optional: true,
            relation: { name: 'P', kind: 'one-to-one', model: 'Profile', opposite: 'user' },
          }),
          rel('posts', 'Post', {
            list: true,
            relation: { name: 'A', kind: 'one-to-many', model: 'Post', opposite: 'author' },
          }),
        ],
        [
          allow(['read'], bin('==', auth, self), 'auth() == this'),
          allow(['update'], bin('==', fld('User', 'role'), lit('Editor')), "role == 'Editor'"),
        ],
      ),
      Profile: model(
        'Profile',
        [
          scalar('id', 'Int', { id: true }),
          scalar('bio', 'String', { optional: true }),
          scalar('userId', 'String', { unique: true }),
          rel('user', 'User', {
            relation: {
              name: 'P',
              kind: 'one-to-one',
              model: 'User',
              opposite: 'profile',
              fields: ['userId'],
              references: ['id'],
            },
          }),
        ],
        [allow(['read'], call('check', fld('Profile', 'user')), 'check(user)')],
      ),
      Post: model(
        'Post',
        [
          scalar('id', 'Int', { id: true }),
          scalar('authorId', 'String', { optional: true }),
          rel('author', 'User', {
            optional: true,
            relation: {
              name: 'A',
              kind: 'many-to-one',
              model: 'User',
              opposite: 'posts',
              fields: ['authorId'],
              references: ['id'],
            },
          }),
          scalar('title', 'String', {
            policies: [
              {
                kind: 'allow',
                operations: ['update'],
                condition: bin('==', authOf('role'), lit('Editor')),
                source: "auth().role == 'Editor'",
              },
            ],
          }),
          scalar('secret', 'String', {
            policies: [
              {
                kind: 'deny',
                operations: ['read'],
                condition: bin('!=', fld('Post', 'author'), auth),
                source: 'author != auth()',
              },
            ],
          }),
        ],
        [
          allow(['read'], lit(true), 'true'),
          allow(['update'], call('check', fld('Post', 'author')), 'check(author)'),
          allow(
            ['delete'],
            bin('==', mem(fld('Post', 'author'), 'role', 'User'), lit('Admin')),
            "author.role == 'Admin'",
          ),
          allow(['create'], bin('==', fld('Post', 'author'), nul), 'author == null'),
        ],
      ),
    },
  };
}

describe('relations', () => {
  const c = createChecker(relationSchema());
  const alice = { id: 'alice', role: 'Editor' };

  it('treats to-one members as variables of the related row', () => {
    const r = c.check('Post', undefined, { operation: 'delete', explain: true });
    // The author must exist, so the optional foreign key is set.
    expect(r.witness).toMatchObject({ author: { role: 'Admin' }, authorId: expect.any(String) });
    expect(
      c.check('Post', undefined, { operation: 'delete', where: { author: { role: 'Editor' } } }),
    ).toBe(false);
    expect(c.check('Post', undefined, { operation: 'delete', where: { author: null } })).toBe(
      false,
    );
    expect(c.check('Post', undefined, { operation: 'create' })).toBe(true);
    expect(c.check('Post', undefined, { operation: 'create', where: { authorId: 'x' } })).toBe(
      false,
    );
  });

  it('inlines check(relation) with the related model rule for the same operation', () => {
    // Post update = check(author, 'update') = author.role == 'Editor'.
    expect(c.check('Post', undefined, { operation: 'update' })).toBe(true);
    expect(
      c.check('Post', undefined, { operation: 'update', where: { author: { role: 'Reader' } } }),
    ).toBe(false);
    expect(c.check('Post', undefined, { operation: 'update', where: { authorId: null } })).toBe(
      false,
    );
    // Profile read = check(user, 'read') = user == auth().
    expect(c.check('Profile', alice, { ...read, where: { userId: 'alice' } })).toBe(true);
    expect(c.check('Profile', alice, { ...read, where: { userId: 'bob' } })).toBe(false);
    expect(c.check('Profile', undefined, read)).toBe(false);
  });

  it('reaches the side without the foreign key', () => {
    const s = relationSchema();
    const user = s.models.User!;
    const withRule = {
      ...s,
      models: {
        ...s.models,
        User: {
          ...user,
          policies: [
            allow(
              ['read'],
              bin('==', mem(fld('User', 'profile'), 'bio', 'Profile'), lit('hi')),
              'profile.bio',
            ),
          ],
        },
      },
    };
    const c2 = createChecker(withRule);
    expect(c2.check('User', undefined, { ...read, explain: true })).toEqual({
      allowed: true,
      witness: { profile: { bio: 'hi' } },
    });
    const back = {
      ...s,
      models: {
        ...s.models,
        User: {
          ...user,
          policies: [
            allow(
              ['read'],
              bin('==', mem(fld('User', 'profile'), 'userId', 'Profile'), fld('User', 'id')),
              'profile.userId == id',
            ),
          ],
        },
      },
    };
    expect(createChecker(back).check('User', undefined, read)).toBe(true);
  });

  it('a check() cycle is FALSE, as in enforcement (no row of either model is readable)', () => {
    const s = relationSchema();
    const cyclic = {
      ...s,
      models: {
        ...s.models,
        User: {
          ...s.models.User!,
          policies: [allow(['read'], call('check', fld('User', 'profile')), 'check(profile)')],
        },
      },
    };
    expect(createChecker(cyclic).check('Profile', undefined, read)).toBe(false);
    expect(createChecker(cyclic).check('User', undefined, read)).toBe(false);
    expect(
      evaluateRule(cyclic, 'Profile', 'read', null, { id: 1, user: { id: 1, profile: { id: 1 } } }),
    ).toBe(false);
  });

  it('combines field rules with the model rule', () => {
    expect(c.check('Post', alice, { operation: 'update', field: 'title' })).toBe(true);
    expect(
      c.check('Post', { id: 'bob', role: 'Reader' }, { operation: 'update', field: 'title' }),
    ).toBe(false);
    // No field rule for read: just the model rule.
    expect(c.check('Post', undefined, { operation: 'read', field: 'title' })).toBe(true);
    // A field deny only: allowed when it can be FALSE.
    expect(
      c.check('Post', alice, { operation: 'read', field: 'secret', where: { authorId: 'alice' } }),
    ).toBe(true);
    expect(
      c.check('Post', alice, { operation: 'read', field: 'secret', where: { authorId: 'bob' } }),
    ).toBe(false);
    expect(c.check('Post', undefined, { operation: 'read', field: 'secret' })).toBe(false);
    expect(
      c.check('Post', alice, {
        operation: 'read',
        field: 'secret',
        where: { authorId: 'bob' },
        explain: true,
      }),
    ).toEqual({
      allowed: false,
      deniedBy: ['author != auth()'],
    });
  });
});

describe('approximated features stay permissive', () => {
  const fields = [
    scalar('title', 'String'),
    scalar('tags', 'String', { list: true }),
    scalar('at', 'DateTime'),
  ];
  const c = (cond: Parameters<typeof allow>[1]) =>
    createChecker(thingSchema(fields, [allow(['read'], cond)]));

  it('treats has(), case-insensitive contains and string ordering as free booleans', () => {
    expect(c(call('has', thing('tags'), lit('x'))).check('Thing', undefined, read)).toBe(true);
    expect(
      c(
        bin('&&', call('has', thing('tags'), lit('x')), not(call('has', thing('tags'), lit('x')))),
      ).check('Thing', undefined, read),
    ).toBe(false);
    expect(
      c(call('contains', thing('title'), lit('X'), lit(true))).check('Thing', undefined, read),
    ).toBe(true);
    expect(c(bin('<', thing('title'), lit('m'))).check('Thing', undefined, read)).toBe(true);
  });

  it('treats now() as an unknown instant and folds currentModel() / currentOperation()', () => {
    expect(c(bin('>', thing('at'), call('now'))).check('Thing', undefined, read)).toBe(true);
    expect(
      c(bin('&&', bin('>', thing('at'), call('now')), bin('<', thing('at'), call('now')))).check(
        'Thing',
        undefined,
        read,
      ),
    ).toBe(false);
    expect(c(bin('==', call('currentModel'), lit('Thing'))).check('Thing', undefined, read)).toBe(
      true,
    );
    expect(
      c(bin('==', call('currentOperation'), lit('update'))).check('Thing', undefined, read),
    ).toBe(false);
  });
});

describe('caching', () => {
  it('keys answers on the auth() values the rules read, not on the whole user', () => {
    const checker = createChecker(postCheckSchema(), { cacheSize: 2 });
    const drafts = { ...read, where: { published: false, authorId: 1 } };
    expect(checker.check('Post', { id: 1, name: 'a' }, drafts)).toBe(true);
    expect(checker.check('Post', { id: 2, name: 'a' }, drafts)).toBe(false);
    expect(checker.check('Post', { id: 1, name: 'b' }, drafts)).toBe(true);
    expect(checker.check('Post', { id: 1n }, drafts)).toBe(true);
    expect(checker.check('Post', undefined, drafts)).toBe(false);
    for (let id = 0; id < 50; id++) expect(checker.check('Post', { id }, drafts)).toBe(id === 1);
  });

  it('gives the same answers with the cache disabled', () => {
    const cached = createChecker(blogSchema());
    const uncached = createChecker(blogSchema(), { cacheSize: 0 });
    for (const user of [undefined, { id: 'u1', role: 'Reader' }, { id: 'u2', role: 'Writer' }]) {
      expect(uncached.checkAll(user)).toEqual(cached.checkAll(user));
      expect(uncached.checkAll(user)).toEqual(cached.checkAll(user));
    }
  });
});
