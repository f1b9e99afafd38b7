/**
 * The one check of a path the site sends a person to (after signing in, after the cookie banner): a path on this site
 * only. The value is normalised as a browser would resolve it (dot segments, `\` read as `/`, `%2e` as `.`) and the
 * result is what is checked, so `/.//evil.com` (which resolves to `//evil.com`) is refused like `//evil.com` itself.
 */
import { trimTrailingSlashes } from '../router.js';

const signInPaths = ['/sign-in', '/login/return', '/sign-out', '/signed-out', '/media-account/create-password'];
const base = 'http://localhost';

/** True for what a browser could read as another site, or a value it would alter: `//host`, `/\host`, controls. */
function leavesSite(path: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !path.startsWith('/') || path.startsWith('//') || path.includes('\\') || /[\u0000-\u001f\u007f]/.test(path);
}

/** A path and query on this site, normalised; null for anything else (another site, a full URL, a malformed value). */
export function sitePath(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024 || leavesSite(value)) return null;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  const path = `${url.pathname}${url.search}`;
  // Checked again after normalising: dot segments can leave `//host` behind.
  if (leavesSite(path) || new URL(path, base).origin !== base) return null;
  return path;
}

/** Where to send a person back to after signing in: `sitePath`, but never the sign-in pages themselves (a loop). */
export function safeReturnPath(value: string | null | undefined): string | null {
  const path = sitePath(value);
  if (path === null) return null;
  const pathOnly = trimTrailingSlashes(new URL(path, base).pathname).toLowerCase() || '/';
  return signInPaths.includes(pathOnly) ? null : path;
}
