import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { db } from './lib/db';
import { verifyPassword } from './lib/password';

/**
 * Auth.js: email + password (credentials) with JWT sessions. The token carries only the user's
 * id; name and role are read from the database on each request, so a role change applies at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt' },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: async (credentials) => {
        const email = String(credentials?.email ?? '')
          .trim()
          .toLowerCase();
        const password = String(credentials?.password ?? '');
        if (!email || !password) return null;
        // `password` is `@omit` in the schema: only this lookup asks for it.
        const user = await db.user.findUnique({
          where: { email },
          select: { id: true, name: true, email: true, password: true },
        });
        if (!user || !(await verifyPassword(password, user.password))) return null;
        return { id: user.id, name: user.name, email: user.email };
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
