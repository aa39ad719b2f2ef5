import { redirect } from 'next/navigation';
import { auth } from '../../auth';
import { RegisterForm } from '../../components/register-form';

export default async function RegisterPage() {
  if ((await auth())?.user) redirect('/blog-post');
  return <RegisterForm />;
}
