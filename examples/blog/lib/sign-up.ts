import { isWardenError } from '@warden/orm';
import { db } from './db';
import { hashPassword } from './password';

export const MIN_PASSWORD_LENGTH = 8;

export type SignUpResult =
  | { readonly ok: true; readonly id: string }
  | {
      readonly ok: false;
      readonly status: 400 | 409;
      readonly field: 'name' | 'email' | 'password';
      readonly message: string;
    };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Creates a user (role: the schema's default, Reader) after checking the input; every refusal
 * names the field at fault so the form can show it there.
 */
export async function signUp(input: unknown): Promise<SignUpResult> {
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
  const password = typeof body.password === 'string' ? body.password : '';
  if (!name) return { ok: false, status: 400, field: 'name', message: 'Please enter your name' };
  if (name.length > 100)
    return { ok: false, status: 400, field: 'name', message: 'Name is too long' };
  if (!EMAIL.test(email))
    return {
      ok: false,
      status: 400,
      field: 'email',
      message: 'Please enter a valid email address',
    };
  if (password.length < MIN_PASSWORD_LENGTH)
    return {
      ok: false,
      status: 400,
      field: 'password',
      message: `Password must be at least ${MIN_PASSWORD_LENGTH} characters`,
    };
  const taken = {
    ok: false,
    status: 409,
    field: 'email',
    message: 'An account with this email already exists',
  } as const;
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return taken;
  try {
    const user = await db.user.create({
      data: { name, email, password: await hashPassword(password) },
      select: { id: true },
    });
    return { ok: true, id: user.id };
  } catch (e) {
    // Two sign-ups racing for one email: the unique index decides.
    if (isWardenError(e) && e.code === 'UNIQUE_CONSTRAINT') return taken;
    throw e;
  }
}
