/** Error codes by which node-postgres and PostgreSQL say the connection itself went away. */
const CONNECTION_LOST = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** One line for a command that failed: what went wrong, in the words a user can act on. */
export function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: string }).code;
  if (code && CONNECTION_LOST.has(code)) return `lost the connection to the database (${err.message}); nothing after the last committed batch was written, run the command again to go on`;
  if (/Connection terminated/i.test(err.message)) return `lost the connection to the database (${err.message}); run the command again to go on`;
  if (code && /^[0-9A-Z]{5}$/.test(code)) return `the database refused a statement (${code}): ${err.message}`;
  return err.message || err.name;
}
