import type { TypedDocumentString } from './generated.js';

/** A GraphQL error as the API reports it (extensions.code is one of the stable codes: UNAUTHENTICATED, ...). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Listener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** Lets the session layer send the user to the login page when a session expires mid-use. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/**
 * Sends one operation to /graphql with the session cookie and returns its typed data, or throws ApiError.
 * Documents are generated strings (see codegen.mjs), so the bundle carries no GraphQL parser.
 */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('Renown cannot be reached. Check your connection and try again.', 'NETWORK');
  }
  let body: { data?: TResult; errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[] };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`The server answered ${res.status} without a readable body. Try again in a moment.`, 'SERVER');
  }
  const first = body.errors?.[0];
  if (first) {
    // The server puts an error's details (field, metric, limit...) beside its code in `extensions`.
    const { code, ...details } = first.extensions ?? {};
    const error = new ApiError(first.message, code ?? 'INTERNAL', Object.keys(details).length ? details : undefined);
    if (error.code === 'UNAUTHENTICATED') for (const l of unauthenticatedListeners) l(error);
    throw error;
  }
  if (!body.data) throw new ApiError('The server answered without data. Try again in a moment.', 'SERVER');
  return body.data;
}
