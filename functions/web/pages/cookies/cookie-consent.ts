/**
 * Cookie consent: the reader's choice about analytics cookies is kept in the essential cookie `cookie_policy`
 * (`accepted` or `rejected`). No non-essential cookie is ever set before the reader accepts. The banner shows until
 * a choice is made; after a choice made from the banner, a confirmation shows once (`?cookie-banner=accepted`).
 */
import type { Cookie } from '@azure/functions';
import { sitePath } from '../../http/return-path.js';

export const consentCookieName = 'cookie_policy';
export const bannerConfirmationParameter = 'cookie-banner';
const oneYearSeconds = 365 * 24 * 60 * 60;

export type Consent = 'accepted' | 'rejected';

export function readConsent(cookies: ReadonlyMap<string, string>): Consent | null {
  const value = cookies.get(consentCookieName);
  return value === 'accepted' || value === 'rejected' ? value : null;
}

export function consentCookie(consent: Consent, secure: boolean): Cookie {
  return {
    name: consentCookieName,
    value: consent,
    path: '/',
    maxAge: oneYearSeconds,
    sameSite: 'Lax',
    httpOnly: true,
    secure,
  };
}

export interface CookieBannerState {
  show: boolean;
  confirmation: Consent | null;
  hideHref: string;
}

export function cookieBannerState(url: URL, cookies: ReadonlyMap<string, string>): CookieBannerState {
  const consent = readConsent(cookies);
  const confirmed = url.searchParams.get(bannerConfirmationParameter);
  const withoutConfirmation = new URLSearchParams(url.searchParams);
  withoutConfirmation.delete(bannerConfirmationParameter);
  const query = withoutConfirmation.toString();
  return {
    show: consent === null && url.pathname !== '/cookies',
    confirmation: consent !== null && confirmed === consent ? consent : null,
    // Query-only, so it stays on this page whatever the path (on `//evil.com` a path-absolute href would leave).
    hideHref: `?${query}`,
  };
}

/** Where to go back after the banner's form: a path on this site (`sitePath`), else the home page. */
export function bannerReturnPath(value: string | null): string {
  const path = sitePath(value);
  if (path === null) return '/';
  const url = new URL(path, 'http://localhost');
  url.searchParams.delete(bannerConfirmationParameter);
  return `${url.pathname}${url.search}`;
}

export function withConfirmation(path: string, consent: Consent): string {
  const url = new URL(path, 'http://localhost');
  url.searchParams.set(bannerConfirmationParameter, consent);
  return `${url.pathname}${url.search}`;
}
