import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { auth } from '../../auth';
import { AppLayout } from '../../components/app-layout';

// Anonymous visitors never see the posts' pages: the server sends them to the login page.
export default async function BlogPostLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  if (!session?.user) redirect('/login');
  return <AppLayout>{children}</AppLayout>;
}
