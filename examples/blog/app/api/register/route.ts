import { signUp } from '../../../lib/sign-up';

/** Sign up: `{ name, email, password }` -> 201 `{ id }`, or 400/409 `{ message, field }`. */
export async function POST(request: Request): Promise<Response> {
  const body: unknown = await request.json().catch(() => null);
  const result = await signUp(body);
  if (!result.ok)
    return Response.json(
      { message: result.message, field: result.field },
      { status: result.status },
    );
  return Response.json({ id: result.id }, { status: 201 });
}
