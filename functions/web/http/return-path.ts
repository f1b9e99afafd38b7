/**
 * Where to send a person back to after signing in: a path on this site only. Anything that a browser could read as
 * another site (`//host`, `/\host`, a full URL, control characters) is refused, and so are the sign-in pages
 * themselves (a loop).
 */
import { trimTrailingSlashes } from '../router.js';

const signInPaths = ['/sign-in', '/login/return', '/sign-out', '/signed-out'];

export function safeReturnPath(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, 'http://localhost');
  } catch {
    return null;
  }
  if (url.origin !== 'http://localhost') return null;
  const path = trimTrailingSlashes(url.pathname).toLowerCase() || '/';
  if (signInPaths.includes(path)) return null;
  return `${url.pathname}${url.search}`;
}
