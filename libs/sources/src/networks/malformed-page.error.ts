/** A page a connector cannot do without (an account's profile) that is not JSON or not the documented shape. */
export class MalformedPageError extends Error {
  override name = 'MalformedPageError';
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly raw: string,
  ) {
    super(`${reason} (${url})`);
  }
}
