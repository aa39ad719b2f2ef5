import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';

/** scrypt's tuning parameters: `cost` (N, a power of two), `blockSize` (r), `parallelism` (p). */
export interface PasswordParams {
  readonly cost: number;
  readonly blockSize: number;
  readonly parallelism: number;
}

/** What `@password` uses without arguments (N=2^14, r=8, p=1: about 16 MiB and 50 ms). */
export const DEFAULT_PASSWORD_PARAMS: PasswordParams = {
  cost: 16384,
  blockSize: 8,
  parallelism: 1,
};

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const PREFIX = '$scrypt$';
// Bounds on parameters read back from a stored string, so a forged one cannot ask for
// gigabytes of memory or minutes of CPU.
const MAX_COST = 2 ** 20;
const MAX_BLOCK = 64;
const MAX_PARALLEL = 16;

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
) => Promise<Buffer>;

function derive(plain: string, salt: Buffer, keylen: number, p: PasswordParams): Promise<Buffer> {
  const { cost: N, blockSize: r, parallelism } = p;
  // node:crypto refuses more than 32 MiB by default; scrypt needs about 128 * N * r bytes.
  const maxmem = 128 * r * (N + parallelism + 2) + 2 ** 20;
  return scryptAsync(plain, salt, keylen, { N, r, p: parallelism, maxmem });
}

/**
 * Hashes `plain` with scrypt and a fresh 16-byte salt. The result carries its parameters, so
 * they can be raised later without breaking stored hashes. Async: the work runs on libuv's
 * thread pool, not on the event loop.
 *
 * @example
 * ```ts
 * const stored = await hashPassword('hunter2');
 * // '$scrypt$N=16384,r=8,p=1$<salt base64>$<hash base64>'
 * ```
 */
export async function hashPassword(
  plain: string,
  params: PasswordParams = DEFAULT_PASSWORD_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(plain, salt, KEY_BYTES, params);
  const { cost, blockSize, parallelism } = params;
  return `${PREFIX}N=${cost},r=${blockSize},p=${parallelism}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface Parsed {
  readonly params: PasswordParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

const FORMAT =
  /^\$scrypt\$N=(\d{1,8}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/** The parts of a stored hash in our format, or `undefined` (also for out-of-bounds parameters). */
export function parsePasswordHash(stored: string): Parsed | undefined {
  const m = FORMAT.exec(stored);
  if (!m) return undefined;
  const cost = Number(m[1]);
  const blockSize = Number(m[2]);
  const parallelism = Number(m[3]);
  if (cost < 2 || cost > MAX_COST || (cost & (cost - 1)) !== 0) return undefined;
  if (blockSize < 1 || blockSize > MAX_BLOCK || parallelism < 1 || parallelism > MAX_PARALLEL)
    return undefined;
  const salt = Buffer.from(m[4]!, 'base64');
  const hash = Buffer.from(m[5]!, 'base64');
  if (salt.length < 8 || hash.length < 16) return undefined;
  return { params: { cost, blockSize, parallelism }, salt, hash };
}

/** True when `value` is a hash in the format `hashPassword` writes. */
export function isPasswordHash(value: string): boolean {
  return parsePasswordHash(value) !== undefined;
}

/**
 * Whether `plain` is the password `stored` (a `hashPassword` / `@password` value) was made
 * from; compares in constant time. `false`, never a throw, for a malformed `stored`.
 *
 * @example
 * ```ts
 * const user = await db.user.findUnique({ where: { email }, select: { password: true } });
 * if (!user || !(await verifyPassword(input, user.password))) throw new Error('bad login');
 * ```
 */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  if (typeof plain !== 'string' || typeof stored !== 'string') return false;
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const key = await derive(plain, parsed.salt, parsed.hash.length, parsed.params);
  return timingSafeEqual(key, parsed.hash);
}
