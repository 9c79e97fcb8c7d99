import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, onUnauthenticated, request } from './graphql/client.js';
import { LogOutDocument, MeDocument, type ViewerFieldsFragment } from './graphql/generated.js';

export type Viewer = ViewerFieldsFragment;

interface SessionState {
  /** undefined while the first `me` is loading; null when nobody is logged in. */
  viewer: Viewer | null | undefined;
  error: ApiError | undefined;
  setViewer: (v: Viewer | null) => void;
  refresh: () => Promise<void>;
  logOut: () => Promise<void>;
  /** True after "Log out": the login page then opens fresh instead of returning to the page left. */
  loggedOut: boolean;
}

const Context = createContext<SessionState | undefined>(undefined);

/** The logged-in person (from the httpOnly renown_session cookie, which page scripts never see). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [viewer, setViewer] = useState<Viewer | null | undefined>(undefined);
  const [error, setError] = useState<ApiError>();
  const [loggedOut, setLoggedOut] = useState(false);
  const signedIn = useCallback((v: Viewer | null) => {
    if (v) setLoggedOut(false);
    setViewer(v);
  }, []);
  const refresh = useCallback(async () => {
    try {
      setViewer((await request(MeDocument)).me);
      setError(undefined);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') setViewer(null);
      else setError(e instanceof ApiError ? e : new ApiError(String(e), 'INTERNAL'));
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // A session that expires mid-use sends the person to the login page rather than showing broken screens.
  useEffect(() => onUnauthenticated(() => setViewer(null)), []);
  const logOut = useCallback(async () => {
    try {
      await request(LogOutDocument);
    } finally {
      setLoggedOut(true);
      setViewer(null);
    }
  }, []);
  return <Context.Provider value={{ viewer, error, setViewer: signedIn, refresh, logOut, loggedOut }}>{children}</Context.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Context);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The viewer on screens that only render when logged in. */
export function useViewer(): Viewer {
  const { viewer } = useSession();
  if (!viewer) throw new Error('useViewer without a session');
  return viewer;
}

export const canManage = (v: Viewer) => v.role === 'OWNER' || v.role === 'ADMIN';
