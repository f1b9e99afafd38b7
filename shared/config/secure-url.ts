/**
 * The one rule for addresses the service calls or trusts (identity providers, Graph, Notify, third parties' endpoints):
 * https, or plain http only on this machine's loopback, where the local stand-ins and the tests' servers run.
 */
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The URL itself, when `value` is https or plain http on loopback; null for anything else or no URL at all. */
export function secureUrlOf(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname))) return url;
  return null;
}

export const isSecureUrl = (value: string): boolean => secureUrlOf(value) !== null;
