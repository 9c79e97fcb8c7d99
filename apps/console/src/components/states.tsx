import { Link } from 'react-router';
import type { ReactNode } from 'react';
import type { ApiError } from '../graphql/client.js';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** An error shown next to what failed, with a way out. */
export function ErrorState({ error, retry, title = 'Something went wrong' }: { error: ApiError | Error; retry?: () => void; title?: string }) {
  return (
    <div className="alert error" role="alert">
      <div>
        <strong>{title}.</strong> {error.message}
      </div>
      {retry && (
        <button type="button" className="btn small" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function FormError({ error }: { error?: ApiError | Error }) {
  if (!error) return null;
  return (
    <div className="alert error" role="alert">
      <div>{error.message}</div>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state">
      <h3>{title}</h3>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

/** Where a detail page came from: one link above its title. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="small">
      ← {children}
    </Link>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {description && <p>{description}</p>}
      </div>
      {actions && <div className="row">{actions}</div>}
    </header>
  );
}

/**
 * What a loaded block shows: its error (with "Try again"), a spinner until the first answer, the empty state
 * when there is nothing, else the content. Keeps the last data on screen while it reloads.
 */
export function QueryResult<T>({ state, errorTitle, empty, children }: { state: { data: T | undefined; error: ApiError | undefined; reload: () => unknown }; errorTitle?: string; empty?: (data: T) => ReactNode; children: (data: T) => ReactNode }) {
  if (state.error && state.data === undefined) return <ErrorState error={state.error} retry={() => void state.reload()} title={errorTitle} />;
  if (state.data === undefined) return <Loading />;
  const nothing = empty?.(state.data);
  return <>{nothing || children(state.data)}</>;
}
