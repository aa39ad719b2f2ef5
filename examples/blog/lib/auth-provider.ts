import type { AuthProvider } from '@refinedev/core';
import { getSession, signIn, signOut } from 'next-auth/react';

export interface Identity {
  readonly id: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly role: string;
}

// After signing in or out the page is reloaded, so no cached answer (identity, permissions,
// lists) of the previous user survives in the browser.
function reloadAt(path: string): void {
  window.location.assign(path);
}

async function messageOf(response: Response, fallback: string): Promise<string> {
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  return typeof body?.message === 'string' ? body.message : fallback;
}

/** Refine's auth provider over Auth.js (credentials) and the app's `/api/register`, `/api/me`. */
export const authProvider: AuthProvider = {
  login: async ({ email, password }) => {
    const result = await signIn('credentials', { email, password, redirect: false });
    if (!result || result.error) {
      return {
        success: false,
        error: { name: 'Login failed', message: 'Invalid email or password' },
      };
    }
    reloadAt('/blog-post');
    return { success: true };
  },

  register: async ({ name, email, password }) => {
    const response = await fetch('/api/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, email, password }),
    });
    if (!response.ok) {
      return {
        success: false,
        error: { name: 'Sign up failed', message: await messageOf(response, 'Could not sign up') },
      };
    }
    const result = await signIn('credentials', { email, password, redirect: false });
    if (!result || result.error) return { success: true, redirectTo: '/login' };
    reloadAt('/blog-post');
    return { success: true };
  },

  logout: async () => {
    await signOut({ redirect: false });
    reloadAt('/login');
    return { success: true };
  },

  check: async () => {
    const session = await getSession();
    return session?.user
      ? { authenticated: true }
      : { authenticated: false, logout: true, redirectTo: '/login' };
  },

  getIdentity: async (): Promise<Identity | null> => {
    const response = await fetch('/api/me');
    return response.ok ? ((await response.json()) as Identity) : null;
  },

  getPermissions: async () => {
    const response = await fetch('/api/me');
    return response.ok ? ((await response.json()) as Identity).role : null;
  },

  onError: async (error: { statusCode?: number }) => {
    if (error?.statusCode === 401) return { logout: true, redirectTo: '/login' };
    return {};
  },
};
