import { currentUser } from '../../../lib/current-user';

/** The signed-in user's identity for the header (name, email, role), or 401. */
export async function GET(): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ message: 'Not signed in' }, { status: 401 });
  return Response.json(user);
}
