import { auth } from '../auth';
import { db } from './db';

// A type alias (not an interface) so it fits enhance()'s index-signature user type.
export type CurrentUser = {
  readonly id: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly role: string;
};

/** The signed-in user, fresh from the database (role included), or null. */
export async function currentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return db.user.findUnique({
    where: { id },
    select: { id: true, name: true, email: true, role: true },
  });
}
