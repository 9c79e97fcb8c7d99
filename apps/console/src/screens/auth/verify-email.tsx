import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorState, Loading } from '../../components/states.js';
import { ApiError, request } from '../../graphql/client.js';
import { VerifyEmailDocument } from '../../graphql/generated.js';
import { useSession } from '../../session.js';
import { AuthLayout } from './auth-layout.js';

/** The target of the emailed confirmation link: confirms once, logs in, and goes to the console. */
export function VerifyEmail() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { setViewer } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError>();
  const started = useRef(false);
  useEffect(() => {
    // StrictMode runs effects twice in development; the token works once, so send it once.
    if (started.current) return;
    started.current = true;
    if (!token) {
      setError(new ApiError('This link has no token. Open the link from the confirmation email again.', 'BAD_USER_INPUT'));
      return;
    }
    request(VerifyEmailDocument, { token })
      .then((res) => {
        setViewer(res.verifyEmail.viewer);
        navigate('/?welcome=1', { replace: true });
      })
      .catch((e) => setError(e instanceof ApiError ? e : new ApiError(String(e), 'INTERNAL')));
  }, [token, setViewer, navigate]);
  return (
    <AuthLayout title="Confirming your email">
      {error ? (
        <>
          <ErrorState error={error} title="We could not confirm your email" />
          <p className="small">
            If you already confirmed it, <Link to="/login">log in</Link>. Otherwise <Link to="/signup">sign up again</Link> to get a fresh link.
          </p>
        </>
      ) : (
        <Loading label="Confirming…" />
      )}
    </AuthLayout>
  );
}
