import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Field, formValues } from '../../components/field.js';
import { FormError } from '../../components/states.js';
import { request } from '../../graphql/client.js';
import { AcceptTeamInvitationDocument } from '../../graphql/generated.js';
import { useMutation } from '../../graphql/use-query.js';
import { useSession } from '../../session.js';
import { AuthLayout } from './auth-layout.js';

/** The target of a team invitation link. New people choose a name and password; others just join. */
export function AcceptInvitation() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { setViewer, refresh } = useSession();
  const navigate = useNavigate();
  const [joined, setJoined] = useState<string>();
  const accept = useMutation((input: { token: string; name?: string; password?: string }) => request(AcceptTeamInvitationDocument, { input }));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const res = await accept.run({ token, name: v.name || undefined, password: v.password || undefined });
    if (!res) return;
    const session = res.acceptTeamInvitation.session;
    if (session) {
      setViewer(session.viewer);
      navigate('/', { replace: true });
    } else {
      await refresh();
      setJoined(res.acceptTeamInvitation.brand.name);
    }
  };
  if (joined) {
    return (
      <AuthLayout title={`You joined ${joined}`} lead="Your account already existed, so log in with your usual password.">
        <Link className="btn primary" to="/login">
          Log in
        </Link>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Join your team on Renown" lead="If you are new to Renown, choose your name and a password. If you already have an account, leave them empty.">
      <form onSubmit={submit} noValidate>
        <FormError error={accept.error} />
        <Field label="Your name" name="name" autoComplete="name" />
        <Field label="Password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters (new accounts only)." />
        <button className="btn primary" type="submit" disabled={accept.pending || !token}>
          {accept.pending ? 'Joining…' : 'Accept the invitation'}
        </button>
      </form>
    </AuthLayout>
  );
}
