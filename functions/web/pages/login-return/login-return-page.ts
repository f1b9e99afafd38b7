/**
 * Where the identity provider sends the person back (`/login/return`, the redirect URI registered at each provider).
 * The callback is completed against the pending sign-in its cookie carries (shared/auth/oidc-sign-in.ts checks state,
 * PKCE, nonce and the ID token, writes the user record and audits the outcome). On success a server-side session
 * starts, its id goes into the session cookie (HttpOnly, SameSite=Lax, `Secure` and `__Host-` but on http
 * loopback), and the browser returns to the page it came from; on failure a page says why, in the person's language.
 * Either way the sign-in cookies are cleared: a sign-in is used once.
 */
import type { SignInFailureReason } from '../../../../shared/auth/oidc-sign-in.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import type { PageRequest, PageResult, PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { logEvent } from '../../../../shared/logging/log-event.js';
import {
  clearSignInCookies,
  pendingSignInCookies,
  readPendingSignIn,
  readReturnTo,
  sessionCookie,
} from '../sign-in/sign-in-cookies.js';
import { redirectUriFor } from '../sign-in/sign-in-page.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

type FailureMessage = keyof (typeof en)['reasons'];

/** What the person is told for each reason (the reason itself is in the audit log and the page's data-reason). */
export const failureMessages: Readonly<Record<SignInFailureReason, { message: FailureMessage; status: number }>> = {
  SIGN_IN_NOT_FOUND: { message: 'expired', status: 400 },
  SIGN_IN_EXPIRED: { message: 'expired', status: 400 },
  STATE_MISMATCH: { message: 'failed', status: 400 },
  ACCESS_DENIED: { message: 'denied', status: 403 },
  PROVIDER_ERROR: { message: 'failed', status: 502 },
  PROVIDER_UNAVAILABLE: { message: 'unavailable', status: 503 },
  TOKEN_EXCHANGE_FAILED: { message: 'failed', status: 400 },
  NONCE_MISMATCH: { message: 'failed', status: 400 },
  ID_TOKEN_INVALID: { message: 'failed', status: 400 },
  CLAIMS_INVALID: { message: 'failed', status: 400 },
  ROLE_NOT_ALLOWED: { message: 'role', status: 403 },
  // Not failures: completeSignIn answers them for a person's choice at B2C, and the page redirects (below).
  PASSWORD_RESET_REQUESTED: { message: 'failed', status: 400 },
  CANCELLED: { message: 'denied', status: 403 },
};

export function signInFailedPage(
  request: Pick<PageRequest, 'language'>,
  reason: SignInFailureReason,
): Extract<PageResult, { kind: 'page' }> {
  const t = strings[request.language];
  const { message, status } = failureMessages[reason];
  return {
    kind: 'page',
    status,
    template: 'pages/login-return/sign-in-failed.njk',
    title: t.title,
    context: { t, reason, message: t.reasons[message] },
  };
}

async function completeSignIn(deps: WebDependencies, request: PageRequest): Promise<PageResult> {
  const pending = readPendingSignIn(request, deps.signIn.pendingSecret);
  const result = await deps.signIn.oidc.completeSignIn(pending, request.url, request.logger);
  const cleared = clearSignInCookies(request);
  if (!result.ok && result.reason === 'CANCELLED') {
    // Cancelled at B2C (AADB2C90091): back to the choice of account, no error page.
    const choice = new URLSearchParams({ lng: result.lng, returnTo: readReturnTo(request) });
    return { kind: 'redirect', status: 302, location: `/sign-in?${choice.toString()}`, cookies: cleared };
  }
  if (!result.ok && result.reason === 'PASSWORD_RESET_REQUESTED') {
    // "Forgot your password?" at B2C (AADB2C90118): on to the password-reset user flow, which comes back here.
    return startPasswordReset(deps, request, result.lng);
  }
  if (!result.ok) return { ...signInFailedPage(request, result.reason), cookies: cleared };

  // A new session (and a new id) on every sign-in: a session id planted before sign-in is never promoted.
  if (request.sessionId !== null) await deps.signIn.sessions.destroy(request.sessionId);
  const { sessionId } = await deps.signIn.sessions.create({
    userId: result.user.userId,
    issuer: result.issuer,
    principal: result.principal,
    idToken: result.idToken,
    accessToken: result.sealedAccessToken,
  });
  return {
    kind: 'redirect',
    status: 302,
    location: readReturnTo(request),
    cookies: [...cleared, sessionCookie(request, sessionId)],
  };
}

async function startPasswordReset(deps: WebDependencies, request: PageRequest, lng: 'en' | 'cy'): Promise<PageResult> {
  const returnTo = readReturnTo(request);
  let started;
  try {
    started = await deps.signIn.oidc.startSignIn(
      'b2c',
      { redirectUri: redirectUriFor(request.url, deps.signIn.publicSiteUrl), lng, flow: 'passwordReset' },
      request.logger,
    );
  } catch (error) {
    logEvent(request.logger, 'warn', 'WEB_SIGN_IN_PROVIDER_UNAVAILABLE', {
      issuer: 'b2c',
      error: error instanceof Error ? error.message : String(error),
    });
    return { ...signInFailedPage(request, 'PROVIDER_UNAVAILABLE'), cookies: clearSignInCookies(request) };
  }
  return {
    kind: 'redirect',
    location: started.authorizationUrl.href,
    cookies: pendingSignInCookies(request, started.pending, deps.signIn.pendingSecret, returnTo),
  };
}

export const loginReturnRoutes: PageRoute[] = [{ path: '/login/return', methods: ['GET'], handle: completeSignIn }];
