import { enhance } from '@warden/policy';
import { RequestError } from '@warden/server';
import { NextRequestHandler } from '@warden/server/next';
import { schema } from '../../../../generated/schema';
import { currentUser } from '../../../../lib/current-user';
import { db } from '../../../../lib/db';

// The automatic CRUD API of the seed: every request runs on a client enhanced for its user,
// so the schema's @@allow rules decide what it may read and write.
const handler = NextRequestHandler({
  schema,
  useAppDir: true,
  getClient: async () => {
    const user = await currentUser();
    if (!user) throw new RequestError(401, 'UNAUTHENTICATED', 'Sign in to use the API');
    return enhance(db, { user });
  },
});

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
