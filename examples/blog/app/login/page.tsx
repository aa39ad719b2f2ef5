import { redirect } from 'next/navigation';
import { auth } from '../../auth';
import { LoginForm } from '../../components/login-form';

export default async function LoginPage() {
  if ((await auth())?.user) redirect('/blog-post');
  return <LoginForm />;
}
