// One API server process for bench/api: `warden` serves the RPC handler over node:http, `bare`
// answers the same two requests with hand-written prepared statements on the raw driver.
// Prints `port <n>` when listening.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createClient } from '@warden/orm';
import { createNodeHandler } from '@warden/server';
import { blogSchema } from '../../packages/orm/test/fixtures/blog-schema.js';

const [mode, url] = process.argv.slice(2) as ['warden' | 'bare', string];
const COLS = 'id, title, content, published, views, created_at, author_id';

async function bareListener(): Promise<RequestListener> {
  const send = (res: Parameters<RequestListener>[1], data: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data }));
  };
  const argsOf = (reqUrl: string) => JSON.parse(new URL(reqUrl, 'http://x').searchParams.get('q')!);
  if (url.startsWith('file:')) {
    const db = new Database(url.slice(5));
    const one = db.prepare(`select ${COLS} from posts where id = ?`);
    const list = db.prepare(
      `select ${COLS} from posts where author_id = ? order by created_at desc limit 20`,
    );
    return (req, res) => {
      const args = argsOf(req.url!);
      send(
        res,
        req.url!.includes('findUnique')
          ? (one.get(args.where.id) ?? null)
          : list.all(args.where.authorId),
      );
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return (req, res) => {
    const args = argsOf(req.url!);
    const q = req.url!.includes('findUnique')
      ? { name: 'one', text: `select ${COLS} from posts where id = $1`, values: [args.where.id] }
      : {
          name: 'list',
          text: `select ${COLS} from posts where author_id = $1 order by created_at desc limit 20`,
          values: [args.where.authorId],
        };
    pool.query(q).then(
      (r) => send(res, req.url!.includes('findUnique') ? (r.rows[0] ?? null) : r.rows),
      (e: Error) => {
        res.writeHead(500);
        res.end(e.message);
      },
    );
  };
}

const listener: RequestListener =
  mode === 'warden'
    ? createNodeHandler({
        schema: blogSchema,
        getClient: (() => {
          const db = createClient(blogSchema, { url });
          return () => db;
        })(),
      })
    : await bareListener();
const server = createServer(listener);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`port ${(server.address() as AddressInfo).port}`));
