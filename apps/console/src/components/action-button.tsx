import type { ReactNode } from 'react';

/**
 * A small row action (Remove, Revoke, Withdraw, Log out...): asks first when `confirm` is given, runs the
 * mutation, and reloads what it changed only when the mutation succeeded (its error shows next to the table).
 */
export function ActionButton({ children, run, after, confirm: question, variant = 'danger', disabled, label }: { children: ReactNode; run: () => Promise<unknown>; after?: () => Promise<void> | void; confirm?: string; variant?: 'danger' | 'primary' | 'plain'; disabled?: boolean; label?: string }) {
  return (
    <button
      type="button"
      className={`btn small${variant === 'plain' ? '' : ` ${variant}`}`}
      disabled={disabled}
      aria-label={label}
      onClick={async () => {
        if (question && !window.confirm(question)) return;
        if ((await run()) !== undefined) await after?.();
      }}
    >
      {children}
    </button>
  );
}

/** A success message next to the form that caused it. */
export function Notice({ children, testId }: { children?: ReactNode; testId?: string }) {
  if (!children) return null;
  return (
    <div className="alert ok" role="status" data-testid={testId}>
      {children}
    </div>
  );
}
