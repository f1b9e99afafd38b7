/**
 * CSRF protection by the synchroniser token pattern: each session has a random token, kept server-side with the
 * session; every state-changing form carries it in a hidden field (`_csrf`) and the handler compares the two.
 * The comparison is constant-time, so response timing says nothing about how much of a guess was right.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The name of the hidden form field (and of the header scripts may send instead). */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** 256 random bits, URL-safe. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether the token a request carries is the session's. Both sides are hashed first, so the comparison runs over
 * equal lengths whatever was sent; a missing or empty token never matches.
 */
export function csrfTokenMatches(expected: string, given: string | null | undefined): boolean {
  if (expected === '' || given === null || given === undefined || given === '') return false;
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(given, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export type CsrfCheck = { ok: true } | { ok: false; reason: 'CSRF_TOKEN_MISSING' | 'CSRF_TOKEN_INVALID' };

/** The check a form handler makes: the session's token against the form field (or header). */
export function checkCsrf(session: { csrfToken: string } | null, given: string | null | undefined): CsrfCheck {
  if (given === null || given === undefined || given === '') return { ok: false, reason: 'CSRF_TOKEN_MISSING' };
  if (session === null || !csrfTokenMatches(session.csrfToken, given))
    return { ok: false, reason: 'CSRF_TOKEN_INVALID' };
  return { ok: true };
}
