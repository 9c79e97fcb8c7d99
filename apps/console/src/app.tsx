import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ErrorState, Loading } from './components/states.js';
import { AcceptInvitation } from './screens/auth/accept-invitation.js';
import { LogIn } from './screens/auth/log-in.js';
import { SignUp } from './screens/auth/sign-up.js';
import { VerifyEmail } from './screens/auth/verify-email.js';
import { ServerInfoProvider } from './server-info.js';
import { SessionProvider, useSession } from './session.js';
import { Shell } from './shell.js';

export function App() {
  return (
    <ServerInfoProvider>
      <SessionProvider>
        <Routes>
          <Route path="/login" element={<PublicOnly element={<LogIn />} />} />
          <Route path="/signup" element={<PublicOnly element={<SignUp />} />} />
          <Route path="/verify-email" element={<VerifyEmail />} />
          <Route path="/accept-invitation" element={<AcceptInvitation />} />
          <Route path="*" element={<RequireSession />} />
        </Routes>
      </SessionProvider>
    </ServerInfoProvider>
  );
}

function RequireSession() {
  const { viewer, error, refresh, loggedOut } = useSession();
  const location = useLocation();
  if (viewer === undefined) {
    return (
      <main className="auth">
        {error ? <ErrorState error={error} retry={refresh} title="Renown could not be reached" /> : <Loading label="Loading Renown…" />}
      </main>
    );
  }
  // A session that ended (expired, or a deep link opened signed out) comes back here after log-in; "Log out" does not.
  if (viewer === null) return <Navigate to="/login" replace state={loggedOut ? undefined : { from: location.pathname + location.search }} />;
  return <Shell />;
}

function PublicOnly({ element }: { element: React.ReactElement }) {
  const { viewer } = useSession();
  const location = useLocation();
  // Signed in (or just logged in): back to the page that sent them to log in, such as a deep link.
  if (viewer) return <Navigate to={(location.state as { from?: string } | null)?.from ?? '/'} replace />;
  return element;
}
