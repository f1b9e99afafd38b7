/**
 * `/media-account/create-password`: where the welcome email sent on a media account's approval links (the
 * `sign_in_link` of NOTIFY_TEMPLATE_MEDIA_WELCOME, shared/media-accounts/media-accounts.ts). It sends the approved
 * journalist straight into Azure B2C's approved-media sign-up user flow (B2C_SIGN_UP_FLOW, shared/auth/b2c-flows.ts),
 * in the page's language (`?lng=cy`): the account exists already (the approval made it), so at B2C they verify their
 * email address and create their password. B2C comes back to /login/return, which signs them in as the verified media
 * user (the ID token must name this flow; their role is the account's `extension_UserRole`) and brings them to their
 * subscriptions. Cancel at B2C (AADB2C90091) comes back to the choice of account, as any B2C flow does.
 *
 * As the live service's `/media-verification`, a GET that only starts a sign-in: nothing changes until the person
 * finishes at B2C, so a mail scanner following the link does no harm.
 */
import { logEvent } from '../../../../shared/logging/log-event.js';
import type { PageRequest, PageResult, PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { signInFailedPage } from '../login-return/login-return-page.js';
import { pendingSignInCookies } from '../sign-in/sign-in-cookies.js';
import { publicSiteOrigin, redirectUriFor } from '../sign-in/sign-in-page.js';

export const MEDIA_ACCOUNT_SETUP_PATH = '/media-account/create-password';

/** Where a journalist lands, signed in, once their password is made: their subscriptions (the live "account home"). */
export const MEDIA_ACCOUNT_SETUP_RETURN_TO = '/subscriptions';

/** The welcome email's link, on the public site (PUBLIC_SITE_URL; the request's origin where none is set). */
export function mediaAccountSetupLink(url: URL, publicSiteUrl: string | undefined): string {
  return `${publicSiteOrigin(url, publicSiteUrl)}${MEDIA_ACCOUNT_SETUP_PATH}`;
}

async function startAccountSetup(deps: WebDependencies, request: PageRequest): Promise<PageResult> {
  let started;
  try {
    started = await deps.signIn.oidc.startSignIn(
      'b2c',
      { redirectUri: redirectUriFor(request.url, deps.signIn.publicSiteUrl), lng: request.language, flow: 'signUp' },
      request.logger,
    );
  } catch (error) {
    // B2C's discovery document could not be fetched: nothing was started, the link can be followed again.
    logEvent(request.logger, 'warn', 'WEB_SIGN_IN_PROVIDER_UNAVAILABLE', {
      issuer: 'b2c',
      error: error instanceof Error ? error.message : String(error),
    });
    return signInFailedPage(request, 'PROVIDER_UNAVAILABLE');
  }
  const returnTo = `${MEDIA_ACCOUNT_SETUP_RETURN_TO}${request.language === 'cy' ? '?lng=cy' : ''}`;
  return {
    kind: 'redirect',
    status: 302,
    location: started.authorizationUrl.href,
    cookies: pendingSignInCookies(request, started.pending, deps.signIn.pendingSecret, returnTo),
  };
}

export const mediaAccountSetupRoutes: PageRoute[] = [
  { path: MEDIA_ACCOUNT_SETUP_PATH, methods: ['GET'], handle: startAccountSetup },
];
