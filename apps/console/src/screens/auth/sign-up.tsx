import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Field, formValues } from '../../components/field.js';
import { FormError } from '../../components/states.js';
import { request } from '../../graphql/client.js';
import { SignUpDocument } from '../../graphql/generated.js';
import { useMutation } from '../../graphql/use-query.js';
import { useServerInfo } from '../../server-info.js';
import { AuthLayout } from './auth-layout.js';

export function SignUp() {
  const { mailMode } = useServerInfo();
  const [sentTo, setSentTo] = useState<{ email: string; message: string }>();
  const signUp = useMutation((input: { email: string; password: string; name: string; brandName: string }) => request(SignUpDocument, { input }));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const res = await signUp.run({ email: v.email!, password: v.password!, name: v.name!, brandName: v.brandName! });
    if (res) setSentTo({ email: v.email!, message: res.signUp.message });
  };

  if (sentTo) {
    return (
      <AuthLayout title="Check your email" lead={sentTo.message}>
        <div className="alert info" role="status">
          <div>
            We sent a confirmation link to <strong>{sentTo.email}</strong>. Open it to confirm your address and start using Renown.
          </div>
        </div>
        {mailMode === 'local' && (
          <div className="alert warn">
            <div>
              This server keeps mail locally instead of sending it. Open the <a href="/dev/mail">local mailbox at /dev/mail</a> to find the confirmation link.
            </div>
          </div>
        )}
        <p className="small muted">
          Already confirmed? <Link to="/login">Log in</Link>
        </p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Create your brand's account"
      lead="Find the people who move opinion in your vertical, and reward them with perks."
      footer={
        <>
          Already have an account? <Link to="/login">Log in</Link>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <FormError error={signUp.error} />
        <Field label="Your name" name="name" autoComplete="name" required autoFocus />
        <Field label="Brand" name="brandName" required placeholder="Acme Motors" hint="The company or product you run campaigns for." />
        <Field label="Work email" name="email" type="email" autoComplete="email" required />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." />
        <button className="btn primary" type="submit" disabled={signUp.pending}>
          {signUp.pending ? 'Creating account…' : 'Create account'}
        </button>
      </form>
    </AuthLayout>
  );
}
