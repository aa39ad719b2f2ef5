/**
 * Requests no well-behaved client sends. Each must get a 4xx JSON error that names the
 * problem; none may crash the server, answer 5xx, or write anything.
 */
export interface BadRequest {
  readonly name: string;
  readonly method: string;
  /** Path under the API endpoint, query string included. */
  readonly path: string;
  readonly body?: string | Uint8Array;
  readonly headers?: Record<string, string>;
  /** Send this many bytes as a chunked stream (no content-length) instead of `body`. */
  readonly stream?: number;
}

const enc = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));
const get = (name: string, model: string, op: string, q: unknown): BadRequest => ({
  name,
  method: 'GET',
  path: `/${model}/${op}?q=${enc(q)}`,
});
const post = (
  name: string,
  model: string,
  op: string,
  body: unknown,
  method = 'POST',
): BadRequest => ({
  name,
  method,
  path: `/${model}/${op}`,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

function nested(depth: number): string {
  return '{"where":'.repeat(1) + '{"AND":['.repeat(depth) + '{}' + ']}'.repeat(depth) + '}';
}

export function badRequests(): BadRequest[] {
  const cases: BadRequest[] = [];

  // Malformed and truncated JSON, in the query string and in bodies.
  const malformed = [
    '{',
    '}',
    '{"where":',
    '{"where":{"title":}}',
    'nul',
    'undefined',
    "{'where':{}}",
    '{"a":1,}',
    '[1,2',
    '"unterminated',
    '{"where":{"title":"a"}}}',
    '{"where" {"title":"a"}}',
    '01',
    '{"take":0x10}',
    '{"take":NaN}',
    '{"take":Infinity}',
    '\u0000',
    '{"where":{"title":"\\x41"}}',
    '{"where":{"title":"\\ud800"}',
    '{,}',
  ];
  for (const text of malformed) {
    cases.push({
      name: `malformed q ${JSON.stringify(text)}`,
      method: 'GET',
      path: `/post/findMany?q=${enc(text)}`,
    });
    cases.push(post(`malformed body ${JSON.stringify(text)}`, 'post', 'create', text));
  }
  const valid = JSON.stringify({
    data: { title: 'T', content: 'C', author: { connect: { id: 'u1' } } },
  });
  for (let cut = 1; cut < valid.length; cut += 3) {
    cases.push(post(`truncated body at ${cut}`, 'post', 'create', valid.slice(0, cut)));
  }

  // Arguments that are not an object.
  for (const q of [1, 'x', true, [], [{}], 0]) {
    cases.push(get(`args ${JSON.stringify(q)}`, 'post', 'findMany', q));
  }
  for (const body of [1, '"x"', true, [], [{ data: {} }]]) {
    cases.push(
      post(
        `body ${JSON.stringify(body)}`,
        'post',
        'create',
        typeof body === 'string' ? body : JSON.stringify(body),
      ),
    );
  }

  // Wrong types.
  const wrongTypes: [string, unknown][] = [
    ['where string', { where: 'x' }],
    ['where number', { where: 1 }],
    ['where array', { where: [] }],
    ['title number', { where: { title: 1 } }],
    ['title boolean', { where: { title: true } }],
    ['title array', { where: { title: [] } }],
    ['title equals number', { where: { title: { equals: 1 } } }],
    ['title in string', { where: { title: { in: 'a' } } }],
    ['title contains number', { where: { title: { contains: 5 } } }],
    ['title mode bogus', { where: { title: { contains: 'a', mode: 'loud' } } }],
    ['createdAt gt bogus', { where: { createdAt: { gt: 'yesterday' } } }],
    ['createdAt object', { where: { createdAt: { between: 1 } } }],
    ['take string', { take: '10' }],
    ['take float', { take: 1.5 }],
    ['skip negative', { skip: -1 }],
    ['skip string', { skip: 'a' }],
    ['orderBy string', { orderBy: 'title' }],
    ['orderBy bad direction', { orderBy: { title: 'up' } }],
    ['orderBy number', { orderBy: { title: 1 } }],
    ['select string', { select: 'title' }],
    ['select value string', { select: { title: 'yes' } }],
    ['include number', { include: { author: 1 } }],
    ['include scalar', { include: { title: true } }],
    ['select and include', { select: { title: true }, include: { author: true } }],
    ['distinct unknown', { distinct: ['nope'] }],
    ['cursor unknown', { cursor: { nope: 1 } }],
    ['AND string', { where: { AND: 'x' } }],
    ['OR object', { where: { OR: { title: 'a' } } }],
    ['NOT number', { where: { NOT: 3 } }],
    ['relation filter wrong', { where: { author: { some: {} } } }],
    ['relation is string', { where: { author: { is: 'u1' } } }],
    ['omit string', { omit: 'title' }],
  ];
  for (const [name, q] of wrongTypes) cases.push(get(`wrong type: ${name}`, 'post', 'findMany', q));
  for (const [name, q] of wrongTypes.slice(0, 12))
    cases.push(get(`wrong type (count): ${name}`, 'post', 'count', q));
  const wrongData: [string, unknown][] = [
    ['data missing', {}],
    ['data string', { data: 'x' }],
    ['title number', { data: { title: 1, content: 'c', authorId: 'u1' } }],
    ['missing required title', { data: { content: 'c', authorId: 'u1' } }],
    ['unknown field', { data: { title: 't', content: 'c', authorId: 'u1', nope: 1 } }],
    ['createdAt bogus', { data: { title: 't', content: 'c', authorId: 'u1', createdAt: 'soon' } }],
    ['connect string', { data: { title: 't', content: 'c', author: { connect: 'u1' } } }],
    ['nested op unknown', { data: { title: 't', content: 'c', author: { attach: { id: 'u1' } } } }],
    ['title too long', { data: { title: 'x'.repeat(500), content: 'c', authorId: 'u1' } }],
    ['empty title', { data: { title: '', content: 'c', authorId: 'u1' } }],
  ];
  for (const [name, body] of wrongData)
    cases.push(post(`wrong data: ${name}`, 'post', 'create', body));
  // An update may leave required fields out, so only the cases wrong for any write apply.
  const wrongForUpdate = wrongData.filter(
    ([name]) => !name.startsWith('missing') && name !== 'data missing',
  );
  for (const [name, body] of wrongForUpdate) {
    cases.push(
      post(
        `wrong update data: ${name}`,
        'post',
        'update',
        { where: { id: 'p1' }, ...(body as object) },
        'PUT',
      ),
    );
  }

  // Unknown fields everywhere.
  for (const key of ['where', 'select', 'include', 'orderBy', 'omit']) {
    for (const field of ['nope', 'Title', 'title ', 'author_id', '$id']) {
      cases.push(
        get(`unknown field ${key}.${field}`, 'post', 'findMany', {
          [key]: { [field]: key === 'orderBy' ? 'asc' : true },
        }),
      );
    }
  }
  cases.push(get('unknown top-level arg', 'post', 'findMany', { filter: {} }));
  cases.push(get('unknown top-level arg (count)', 'post', 'count', { limit: 1 }));

  // Unknown models and operations, including names that live on prototypes.
  const models = [
    'nope',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'prototype',
    '$transaction2',
    '$queryRaw',
    '$qb',
    'Post;DROP TABLE',
    '..',
    '%2e%2e',
    'posts',
    'POST',
    'user s',
  ];
  for (const m of models)
    cases.push({
      name: `unknown model ${m}`,
      method: 'GET',
      path: `/${encodeURIComponent(m)}/findMany`,
    });
  const ops = [
    'findMany2',
    '__proto__',
    'constructor',
    'toString',
    'valueOf',
    '$queryRaw',
    '$executeRaw',
    'then',
    'bind',
    'call',
    'apply',
    'findmany',
    'FINDMANY',
    'drop',
    '%00',
  ];
  for (const op of ops)
    cases.push({
      name: `unknown op ${op}`,
      method: 'GET',
      path: `/post/${encodeURIComponent(op)}`,
    });
  cases.push({ name: 'too many segments', method: 'GET', path: '/post/findMany/extra' });
  cases.push({ name: 'missing operation', method: 'GET', path: '/post' });
  cases.push({ name: 'bad percent-encoding', method: 'GET', path: '/post/%E0%A4%A' });

  // Wrong methods.
  const methodsOf: Record<string, string[]> = {
    findMany: ['POST', 'PUT', 'DELETE', 'PATCH'],
    findUnique: ['POST', 'DELETE'],
    count: ['POST', 'PUT'],
    aggregate: ['DELETE'],
    groupBy: ['PATCH'],
    check: ['POST'],
    create: ['GET', 'PUT', 'DELETE'],
    createMany: ['GET', 'PATCH'],
    upsert: ['GET', 'PUT'],
    update: ['GET', 'POST', 'DELETE'],
    updateMany: ['GET', 'POST'],
    delete: ['GET', 'POST', 'PUT'],
    deleteMany: ['GET', 'POST'],
  };
  for (const [op, methods] of Object.entries(methodsOf)) {
    for (const method of methods) {
      cases.push({
        name: `wrong method ${method} ${op}`,
        method,
        path: `/post/${op}`,
        ...(method === 'GET' ? {} : { body: '{}' }),
      });
    }
  }
  cases.push({ name: '$transaction with GET', method: 'GET', path: '/$transaction' });

  // Keys that reach into prototypes.
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    cases.push({
      name: `${key} at root (q)`,
      method: 'GET',
      path: `/post/findMany?q=${enc(`{"${key}":{"polluted":true}}`)}`,
    });
    cases.push({
      name: `${key} in where (q)`,
      method: 'GET',
      path: `/post/findMany?q=${enc(`{"where":{"${key}":{"x":1}}}`)}`,
    });
    cases.push(
      post(
        `${key} in data`,
        'post',
        'create',
        `{"data":{"title":"t","content":"c","authorId":"u1","${key}":{"x":1}}}`,
      ),
    );
    cases.push(
      post(
        `${key} deep in data`,
        'user',
        'create',
        `{"data":{"password":"p","posts":{"create":{"${key}":{}}}}}`,
      ),
    );
  }

  // SQL fragments where identifiers go.
  const sqlish = [
    'title; DROP TABLE "Post"; --',
    'title"--',
    "title') OR 1=1 --",
    'title DESC',
    '"Post"."title"',
    '1=1',
  ];
  for (const s of sqlish) {
    cases.push(get(`sql in where key ${s}`, 'post', 'findMany', { where: { [s]: 'x' } }));
    cases.push(get(`sql in orderBy key ${s}`, 'post', 'findMany', { orderBy: { [s]: 'asc' } }));
    cases.push(get(`sql in orderBy value ${s}`, 'post', 'findMany', { orderBy: { title: s } }));
    cases.push(get(`sql in select key ${s}`, 'post', 'findMany', { select: { [s]: true } }));
    cases.push(get(`sql in groupBy by ${s}`, 'post', 'groupBy', { by: [s] }));
  }

  // Deep nesting and limits.
  for (const depth of [40, 200, 500]) {
    cases.push({
      name: `nesting ${depth}`,
      method: 'GET',
      path: `/post/findMany?q=${enc(nested(depth))}`,
    });
  }
  cases.push(
    post('nesting 100000 in body', 'post', 'create', '['.repeat(100000) + ']'.repeat(100000)),
  );
  cases.push(get('take over the limit', 'post', 'findMany', { take: 100000 }));
  cases.push(get('negative take over the limit', 'post', 'findMany', { take: -100000 }));
  cases.push(
    get('nested take over the limit', 'user', 'findMany', { include: { posts: { take: 5000 } } }),
  );
  cases.push({
    name: 'huge q',
    method: 'GET',
    path: `/post/findMany?q=${enc({ where: { title: 'x'.repeat(10000) } })}`,
  });
  cases.push(
    post(
      'huge body',
      'post',
      'create',
      JSON.stringify({
        data: { title: 't', content: 'x'.repeat(2 * 1024 * 1024), authorId: 'u1' },
      }),
    ),
  );
  cases.push({ ...post('streamed huge body', 'post', 'create', ''), stream: 3 * 1024 * 1024 });

  // Invalid superjson metadata.
  const metas: [string, string][] = [
    ['not json', 'nope'],
    ['not an object', '1'],
    ['no serialization', '{}'],
    ['serialization string', '{"serialization":"x"}'],
    ['unknown type', '{"serialization":{"values":{"where.createdAt":"RegExp"}}}'],
    ['function-ish type', '{"serialization":{"values":{"where.createdAt":"Function"}}}'],
    ['custom unknown', '{"serialization":{"values":{"where.createdAt":["custom","Evil"]}}}'],
    [
      'referential equalities',
      '{"serialization":{"values":{},"referentialEqualities":{"a":["b"]}}}',
    ],
    ['proto path', '{"serialization":{"values":{"__proto__.polluted":"Date"}}}'],
    ['constructor path', '{"serialization":{"values":{"where.constructor.prototype":"Date"}}}'],
    ['bad date', '{"serialization":{"values":{"where.createdAt.gt":"Date"}}}'],
    ['bad bigint', '{"serialization":{"values":{"where.title":"bigint"}}}'],
    ['malformed annotation', '{"serialization":{"values":{"where.title":[1,2,3]}}}'],
    ['annotation number', '{"serialization":{"values":{"where.title":5}}}'],
  ];
  for (const [name, meta] of metas) {
    const args = { where: { title: 'x', createdAt: { gt: 'not-a-date' } } };
    cases.push({
      name: `meta ${name}`,
      method: 'GET',
      path: `/post/findMany?q=${enc(args)}&meta=${enc(meta)}`,
    });
    cases.push(
      post(
        `body meta ${name}`,
        'post',
        'create',
        `{"data":{"title":"t","content":"c","authorId":"u1"},"meta":${meta.startsWith('{') || /^\d/.test(meta) ? meta : JSON.stringify(meta)}}`,
      ),
    );
  }

  // Non-UTF-8 bytes.
  for (const bytes of [
    [0xff, 0xfe],
    [0xc3, 0x28],
    [0xe2, 0x82],
    [0xf0, 0x28, 0x8c, 0xbc],
    [0x7b, 0x80, 0x7d],
  ]) {
    cases.push({
      name: `non-utf8 body ${bytes.join(',')}`,
      method: 'POST',
      path: '/post/create',
      body: new Uint8Array([...Buffer.from('{"data":{"title":"'), ...bytes, ...Buffer.from('"}}')]),
      headers: { 'content-type': 'application/json' },
    });
  }

  // Bad $transaction bodies.
  const txBodies = [
    '',
    '{}',
    '[]',
    '[1]',
    '[{"model":"post"}]',
    '[{"model":"nope","op":"findMany"}]',
    '[{"model":"post","op":"explode"}]',
    '[{"model":"post","op":"findMany","args":{"where":{"nope":1}}}]',
    '[{"model":"post","op":"create","args":{"data":{}}}]',
    '[{"model":"post","op":"findMany","extra":1}]',
    '[{"model":"post","op":"check","args":{}}]',
    `[${Array(200).fill('{"model":"post","op":"count"}').join(',')}]`,
  ];
  for (const body of txBodies) {
    cases.push({
      name: `$transaction ${body.slice(0, 40)}`,
      method: 'POST',
      path: '/$transaction',
      body,
      headers: { 'content-type': 'application/json' },
    });
  }

  return cases;
}
