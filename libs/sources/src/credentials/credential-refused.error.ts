import type { NetworkName } from '@renown/ingestion';

/**
 * The network refused the credential itself (YouTube: 400 keyInvalid, 403 API not enabled): nothing read with it
 * can work, so a crawl stops (failed, with this sentence) instead of failing account after account.
 */
export class CredentialRefusedError extends Error {
  override name = 'CredentialRefusedError';
  constructor(
    readonly network: NetworkName,
    message: string,
  ) {
    super(message);
  }
}
