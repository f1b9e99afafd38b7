/**
 * The cookies that carry a sign-in from /sign-in to /login/return: the pending sign-in (state, nonce, PKCE verifier;
 * sealed by shared/auth so the browser can neither read nor alter it) and the path to come back to. Both are
 * HttpOnly and SameSite=Lax (the provider's redirect back is a top-level GET, so they travel with it), `Secure` and
 * `__Host-` except on a plain-http loopback site, and live only as long as a sign-in may take.
 */
import type { Cookie } from '@azure/functions';
import {
  PENDING_SIGN_IN_COOKIE,
  sealPendingSignIn,
  openPendingSignIn,
  DEFAULT_PENDING_TTL_MS,
  type PendingSignIn,
} from '../../../../shared/auth/oidc-sign-in.js';
import {
  clearCookieHeader,
  clearSessionCookieHeader,
  cookieName,
  sessionCookieHeader,
  setCookieHeader,
} from '../../../../shared/auth/session-store.js';
import { cookieFromSetCookie } from '../../http/cookies.js';
import { safeReturnPath } from '../../http/return-path.js';
import type { PageRequest } from '../../router.js';

export const RETURN_TO_COOKIE = 'pip-return-to';
const lifetimeSeconds = DEFAULT_PENDING_TTL_MS / 1000;

type CookieSite = Pick<PageRequest, 'secureCookies'>;

export function pendingSignInCookies(
  site: CookieSite,
  pending: PendingSignIn,
  secret: string,
  returnTo: string | null,
): Cookie[] {
  const options = { secureCookies: site.secureCookies, maxAgeSeconds: lifetimeSeconds };
  const cookies = [
    cookieFromSetCookie(setCookieHeader(PENDING_SIGN_IN_COOKIE, sealPendingSignIn(pending, secret), options)),
  ];
  cookies.push(
    cookieFromSetCookie(
      returnTo === null
        ? clearCookieHeader(RETURN_TO_COOKIE, site)
        : setCookieHeader(RETURN_TO_COOKIE, Buffer.from(returnTo, 'utf8').toString('base64url'), options),
    ),
  );
  return cookies;
}

/** The pending sign-in the request carries, or null (none, altered, sealed under another secret). */
export function readPendingSignIn(
  request: Pick<PageRequest, 'secureCookies' | 'cookies'>,
  secret: string,
): PendingSignIn | null {
  return openPendingSignIn(request.cookies.get(cookieName(PENDING_SIGN_IN_COOKIE, request)), secret);
}

/** Where to go after signing in: the remembered path if it is still a safe one, else the start page. */
export function readReturnTo(request: Pick<PageRequest, 'secureCookies' | 'cookies'>): string {
  const value = request.cookies.get(cookieName(RETURN_TO_COOKIE, request)) ?? '';
  // base64url: a cookie value no host or browser re-encodes.
  return /^[A-Za-z0-9_-]{1,2048}$/.test(value)
    ? (safeReturnPath(Buffer.from(value, 'base64url').toString('utf8')) ?? '/')
    : '/';
}

/** Both sign-in cookies removed (a sign-in is used once, whatever its outcome). */
export function clearSignInCookies(site: CookieSite): Cookie[] {
  return [
    cookieFromSetCookie(clearCookieHeader(PENDING_SIGN_IN_COOKIE, site)),
    cookieFromSetCookie(clearCookieHeader(RETURN_TO_COOKIE, site)),
  ];
}

export function sessionCookie(site: CookieSite, sessionId: string): Cookie {
  return cookieFromSetCookie(sessionCookieHeader(sessionId, site));
}

export function clearSessionCookie(site: CookieSite): Cookie {
  return cookieFromSetCookie(clearSessionCookieHeader(site));
}
