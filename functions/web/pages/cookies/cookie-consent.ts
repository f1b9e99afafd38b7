/**
 * Cookie consent: the reader's choice about analytics cookies is kept in the essential cookie `cookie_policy`
 * (`accepted` or `rejected`). No non-essential cookie is ever set before the reader accepts. The banner shows until
 * a choice is made; after a choice made from the banner, a confirmation shows once (`?cookie-banner=accepted`).
 */
import type { Cookie } from '@azure/functions';

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
    hideHref: `${url.pathname}${query ? `?${query}` : ''}`,
  };
}

/** Where to go back after the banner's form: only a path on this site (never `//host` or a full URL). */
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  try {
    const url = new URL(value, 'http://localhost');
    if (url.origin !== 'http://localhost') return '/';
    url.searchParams.delete(bannerConfirmationParameter);
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}

export function withConfirmation(path: string, consent: Consent): string {
  const url = new URL(path, 'http://localhost');
  url.searchParams.set(bannerConfirmationParameter, consent);
  return `${url.pathname}${url.search}`;
}
