import { CopyButton } from './copy-button.js';

/** A secret the server shows once (an API key, a webhook signing secret): copy it now, then dismiss. */
export function OneTimeSecret({ title, secret, label, onDismiss, testId }: { title: string; secret: string; label: string; onDismiss: () => void; testId?: string }) {
  return (
    <div className="alert warn" role="status" style={{ display: 'grid', gap: 8 }} data-testid={testId}>
      <div>
        <strong>{title}</strong> It is shown this once only; Renown keeps just enough to check it.
      </div>
      <div className="secret">
        <code aria-label={label}>{secret}</code>
        <CopyButton value={secret} label="Copy" />
      </div>
      <div>
        <button className="btn small" type="button" onClick={onDismiss}>
          I have stored it
        </button>
      </div>
    </div>
  );
}
