/**
 * Sign in: a choice of account (Court and tribunal hearings account at Azure B2C, Common Platform at Crime IDAM,
 * MyHMCTS at CFT IDAM). The POST starts the OpenID Connect sign-in (shared/auth/oidc-sign-in.ts), keeps the pending
 * sign-in sealed in a cookie with the page to come back to, and sends the browser to the provider.
 */
import { isPeopleIssuerKind, type PeopleIssuerKind } from '../../../../shared/auth/oidc-sign-in.js';
import { safeReturnPath } from '../../http/return-path.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageRequest, type PageResult, type PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { signInFailedPage } from '../login-return/login-return-page.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import { pendingSignInCookies } from './sign-in-cookies.js';
import { logEvent } from '../../../../shared/logging/log-event.js';

const strings = localeStrings(en, cy);

/** The accounts offered, in the order shown. */
export const accountChoices: readonly PeopleIssuerKind[] = ['b2c', 'crimeIdam', 'cftIdam'];

/** Validation: one of the three accounts. */
export function parseAccount(form: URLSearchParams): PeopleIssuerKind | null {
  const value = form.get('account');
  return isPeopleIssuerKind(value) ? value : null;
}

/**
 * The site's own callback: the provider sends the browser back here (registered at each provider). Built from the
 * configured public site URL; the request's origin (its Host header) only where none is configured (tests).
 */
export function redirectUriFor(url: URL, publicSiteUrl?: string): string {
  return `${publicSiteOrigin(url, publicSiteUrl)}/login/return`;
}

export function publicSiteOrigin(url: URL, publicSiteUrl?: string): string {
  return publicSiteUrl === undefined ? url.origin : new URL(publicSiteUrl).origin;
}

function signInPage(
  request: PageRequest,
  options: { error: boolean; returnTo: string | null; chosen?: string | null },
): PageResult {
  const t = strings[request.language];
  return pageWithErrors({
    template: 'pages/sign-in/sign-in.njk',
    title: t.title,
    hasError: options.error,
    context: {
      t,
      error: options.error ? t.errorSelect : null,
      returnTo: options.returnTo,
      accounts: accountChoices.map((account) => ({
        value: account,
        text: t[account],
        hint: { text: t[`${account}Hint`] },
        checked: options.chosen === account,
      })),
    },
  });
}

async function startSignIn(deps: WebDependencies, request: PageRequest): Promise<PageResult> {
  const returnTo = safeReturnPath(request.form.get('returnTo'));
  const account = parseAccount(request.form);
  if (account === null) return signInPage(request, { error: true, returnTo });
  let started;
  try {
    started = await deps.signIn.oidc.startSignIn(
      account,
      {
        redirectUri: redirectUriFor(request.url, deps.signIn.publicSiteUrl),
        lng: request.language,
      },
      request.logger,
    );
  } catch (error) {
    // The provider's discovery document could not be fetched: nothing was started, the person may try again.
    logEvent(request.logger, 'warn', 'WEB_SIGN_IN_PROVIDER_UNAVAILABLE', {
      issuer: account,
      error: error instanceof Error ? error.message : String(error),
    });
    return signInFailedPage(request, 'PROVIDER_UNAVAILABLE');
  }
  return {
    kind: 'redirect',
    location: started.authorizationUrl.href,
    cookies: pendingSignInCookies(request, started.pending, deps.signIn.pendingSecret, returnTo),
  };
}

export const signInRoutes: PageRoute[] = [
  {
    path: '/sign-in',
    methods: ['GET'],
    handle: (_deps, request) =>
      signInPage(request, { error: false, returnTo: safeReturnPath(request.url.searchParams.get('returnTo')) }),
  },
  { path: '/sign-in', methods: ['POST'], handle: startSignIn },
];
