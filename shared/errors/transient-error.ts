/**
 * Whether an error is one a later attempt may not meet: the database or storage unreachable, overloaded or
 * restarting. The blob trigger retries these (functions/blob-uploaded); the APIs answer them 503 rather than 500
 * (functions/http-kit/api-handler.ts).
 */

/** PostgreSQL SQLSTATEs a retry can fix: connection (08), resources (53), shutdown (57P0x), conflicts, locks. */
const transientSqlStates = /^(08|53)|^(57P01|57P02|57P03|40001|40P01|55P03)$/;
const transientSystemCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** True for errors a later attempt may not meet: an unreachable, overloaded or restarting database or storage. */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, statusCode, message } = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  if (typeof code === 'string' && (transientSqlStates.test(code) || transientSystemCodes.has(code))) return true;
  if (typeof statusCode === 'number' && (statusCode === 408 || statusCode === 429 || statusCode >= 500)) return true;
  // node-postgres reports a lost or refused connection without a code.
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  );
}
