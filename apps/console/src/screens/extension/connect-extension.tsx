import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { FormError, PageHeader } from '../../components/states.js';
import { request } from '../../graphql/client.js';
import { CreateExtensionKeyDocument } from '../../graphql/generated.js';
import { useMutation } from '../../graphql/use-query.js';
import { useViewer } from '../../session.js';

/** Only the extension's own page may receive a key: never a web address. */
export function extensionReturnUrl(raw: string | null): URL | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return ['chrome-extension:', 'moz-extension:'].includes(url.protocol) && url.pathname === '/connected.html' ? url : null;
  } catch {
    return null;
  }
}

/**
 * /extension/connect: where "Sign in through Renown" in the extension's options lands (after log-in). One click
 * makes an extension key for the viewer and hands it to the extension's page in the URL fragment, which no
 * server sees; the extension keeps it only if it started this sign-in (`state`).
 */
export function ConnectExtension() {
  const viewer = useViewer();
  const [params] = useSearchParams();
  const back = extensionReturnUrl(params.get('return'));
  const state = params.get('state') ?? '';
  const browser = params.get('browser') === 'Firefox' ? 'Firefox' : 'Chromium';
  const [done, setDone] = useState(false);
  const create = useMutation((name: string) => request(CreateExtensionKeyDocument, { name }));
  const brand = viewer.brand?.name ?? 'your brand';

  const connect = async () => {
    const day = new Date().toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
    const res = await create.run(`Browser extension (${browser}, ${day})`);
    if (!res || !back) return;
    const fragment = new URLSearchParams({ key: res.createApiKey.secret, server: window.location.origin, brand, state });
    setDone(true);
    window.location.assign(`${back.origin}${back.pathname}#${fragment}`);
  };

  return (
    <div className="page">
      <PageHeader title="Connect the browser extension" description={`Show ${brand}'s Renown scores beside the handles you read.`} />
      <section className="card" aria-labelledby="connect-heading">
        <h2 id="connect-heading">Connect {browser} to {brand}?</h2>
        {back ? (
          <>
            <p>
              The extension gets a key of its own that can only look handles up and add accounts to {brand}'s lists. It cannot see campaigns, billing
              or your team, and it never uses your sign-in. You can revoke it any time in Settings → Browser extension.
            </p>
            <button className="btn primary" type="button" onClick={connect} disabled={create.pending || done}>
              {create.pending || done ? 'Connecting…' : 'Connect the extension'}
            </button>
            <FormError error={create.error} />
          </>
        ) : (
          <div className="alert error" role="alert">
            <div>This link did not come from the Renown extension, so no key was made. Open the extension's options and choose “Sign in through Renown”.</div>
          </div>
        )}
      </section>
    </div>
  );
}
