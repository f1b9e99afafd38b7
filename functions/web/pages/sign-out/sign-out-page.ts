/**
 * Sign out: a POST (the web handler has already checked the form's CSRF token against the session). Our session is
 * ended and SIGN_OUT audited (shared/auth/oidc-sign-in.ts), the session cookie cleared, and the browser sent to the
 * provider's end-session endpoint, which ends the provider's session and comes back to /signed-out; where the
 * provider has none (or was not reached), straight to /signed-out.
 */
import { publicSiteOrigin } from '../sign-in/sign-in-page.js';
import type { PageRoute } from '../../router.js';
import { clearSessionCookie } from '../sign-in/sign-in-cookies.js';

export const signOutRoutes: PageRoute[] = [
  {
    path: '/sign-out',
    methods: ['POST'],
    async handle(deps, request) {
      const { logoutUrl } = await deps.signIn.oidc.signOut(
        request.sessionId,
        {
          postLogoutRedirectUri: `${publicSiteOrigin(request.url, deps.signIn.publicSiteUrl)}/signed-out`,
          lng: request.language,
        },
        request.logger,
      );
      return { kind: 'redirect', location: logoutUrl?.href ?? '/signed-out', cookies: [clearSessionCookie(request)] };
    },
  },
];
