import { KeysCard } from '../../components/keys-card.js';
import { request } from '../../graphql/client.js';
import { CreateExtensionKeyDocument, ExtensionKeysDocument, RevokeApiKeyDocument } from '../../graphql/generated.js';

/**
 * Settings → Browser extension: the viewer's own extension keys (read-only: look-ups and adding to lists),
 * made here to paste into the extension, or made by "Sign in through Renown" from the extension's options.
 */
export function ExtensionKeys() {
  return (
    <KeysCard
      heading="Browser extension"
      headingId="extension-heading"
      intro="Scores beside the handles you read on Bluesky, Mastodon, YouTube, Instagram and X. An extension key can only look handles up and add accounts to your lists; revoke it here and it stops at once. In the extension's options, “Sign in through Renown” makes one for you."
      load={() => request(ExtensionKeysDocument).then((d) => d.apiKeys)}
      create={(name) => request(CreateExtensionKeyDocument, { name })}
      revoke={(id) => request(RevokeApiKeyDocument, { id })}
      field={{ label: 'New extension key name', placeholder: 'e.g. Chrome on my laptop', button: 'Create extension key' }}
      secret={{ title: (name) => `Paste the key “${name}” into the extension's options now.`, label: 'New extension key', testId: 'new-extension-key' }}
      empty={{ title: 'No extension keys yet', text: 'Create one above, or sign in from the extension.' }}
      revokeConfirm={(name) => `Revoke “${name}”? The extension using it stops at once.`}
    />
  );
}
