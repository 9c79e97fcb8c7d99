import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Field, formValues } from '../../components/field.js';
import { FormError } from '../../components/states.js';
import { request } from '../../graphql/client.js';
import { LogInDocument } from '../../graphql/generated.js';
import { useMutation } from '../../graphql/use-query.js';
import { useSession } from '../../session.js';
import { AuthLayout } from './auth-layout.js';

export function LogIn() {
  const { setViewer } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const logIn = useMutation((input: { email: string; password: string }) => request(LogInDocument, { input }));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const res = await logIn.run({ email: v.email!, password: v.password! });
    if (res) {
      setViewer(res.logIn.viewer);
      navigate(from, { replace: true });
    }
  };
  return (
    <AuthLayout
      title="Log in"
      lead="Welcome back."
      footer={
        <>
          New to Renown? <Link to="/signup">Create an account</Link>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <FormError error={logIn.error} />
        <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <button className="btn primary" type="submit" disabled={logIn.pending}>
          {logIn.pending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </AuthLayout>
  );
}
