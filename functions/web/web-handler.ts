/**
 * The web function's handler: one SSR entry point for every page. It picks the language, reads the session cookie
 * (an unknown or expired session is an anonymous reader, and its cookie is cleared), matches the route, runs the
 * page, renders it inside the layout with a per-request CSP nonce and adds the security headers. A form posted from
 * another site is refused; so is a signed-in person's form without their session's CSRF token (url-encoded or
 * multipart alike: the token is a text field of either). Unknown paths
 * render the 404 page; a thrown error renders the 500 page (nothing of the error reaches the reader) and is logged
 * with a stable code.
 */
import type { Cookie, HttpResponseInit, InvocationContext } from '@azure/functions';
import type nunjucks from 'nunjucks';
import { checkCsrf, CSRF_FIELD } from '../../shared/auth/csrf.js';
import {
  clearSessionCookieHeader,
  readSessionCookie,
  secureCookiesFor,
  type Session,
} from '../../shared/auth/session-store.js';
import { publicUrl } from './http/court-admin-path.js';
import { cookieFromSetCookie, parseCookies } from './http/cookies.js';
import { isMultipart, readFormBody } from './http/form-body.js';
import { safeReturnPath, sitePath } from './http/return-path.js';
import { newNonce, securityHeaders } from './http/security-headers.js';
import { chooseLanguage, languageToggleHref, type Language } from './i18n/language.js';
import cyLayout from './layout/cy.json' with { type: 'json' };
import enLayout from './layout/en.json' with { type: 'json' };
import { localeStrings } from './i18n/locale-strings.js';
import { cookieBannerState } from './pages/cookies/cookie-consent.js';
import { forbiddenPage } from './pages/forbidden/forbidden-page.js';
import { notFoundPage } from './pages/not-found/not-found-page.js';
import { serverErrorPage } from './pages/server-error/server-error-page.js';
import { pageRoutes } from './pages/page-routes.js';
import { compilePageRoute, normalisePath, type PageRequest, type PageResult } from './router.js';
import type { WebDependencies } from './web-dependencies.js';
import { logEvent } from '../../shared/logging/log-event.js';

const layoutStrings = localeStrings(enLayout, cyLayout);
const compiledRoutes = pageRoutes.map(compilePageRoute);

/** The parts of an HTTP request the handler reads (the Functions HttpRequest has them). */
export interface WebRequest {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
  /**
   * Read only through `readFormBody` (http/form-body.ts), under a cap: a url-encoded form is a few fields, never more
   * than `bodyLimits.portalForm`; a multipart one (a form with a file) at most `bodyLimits.portalUpload`.
   */
  body: ReadableStream<Uint8Array> | null;
}

interface RenderInput {
  template: string;
  title: string;
  hasError?: boolean;
  context: Record<string, unknown>;
  status: number;
  cookies: Cookie[];
}

/** A POST from another site is refused: the browser says where a form came from (Sec-Fetch-Site, else Origin). */
function isCrossSite(request: WebRequest, url: URL): boolean {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite !== null) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = request.headers.get('origin');
  return origin !== null && origin !== url.origin;
}

/** Response cookies: a page's own win over the handler's (e.g. a new session cookie over clearing a stale one). */
function mergeCookies(base: readonly Cookie[], own: readonly Cookie[] | undefined): Cookie[] {
  const names = new Set((own ?? []).map((cookie) => cookie.name));
  return [...base.filter((cookie) => !names.has(cookie.name)), ...(own ?? [])];
}

/** The header's sign-in link comes back to the page it was followed from (GET pages only). */
function signInHref(url: URL, method: string): string {
  const back = method === 'GET' ? safeReturnPath(`${url.pathname}${url.search}`) : null;
  return back === null || back === '/' ? '/sign-in' : `/sign-in?${new URLSearchParams({ returnTo: back }).toString()}`;
}

export function createWebHandler(deps: WebDependencies, environment: nunjucks.Environment) {
  const render = (
    input: RenderInput,
    language: Language,
    url: URL,
    nonce: string,
    cookies: ReadonlyMap<string, string>,
    viewer: { session: Session | null; method: string },
  ): HttpResponseInit => {
    const common = layoutStrings[language];
    const title = `${input.hasError ? `${common.errorPrefix} ` : ''}${input.title} - ${common.titleSuffix}`;
    const html = environment.render(input.template, {
      ...input.context,
      language,
      htmlLang: language,
      otherLanguage: language === 'en' ? 'cy' : 'en',
      cspNonce: nonce,
      common,
      pageTitle: title,
      // Where the cookie banner's form returns to: only ever a path on this site.
      currentPath: sitePath(`${url.pathname}${url.search}`) ?? '/',
      languageToggleHref: languageToggleHref(url, language),
      cookieBanner: cookieBannerState(url, cookies),
      signedIn: viewer.session !== null,
      // Every POST form of a signed-in person carries it (layout/csrf-field.njk); the handler checks it.
      csrfToken: viewer.session?.csrfToken ?? null,
      signInHref: signInHref(url, viewer.method),
    });
    return {
      status: input.status,
      headers: {
        ...securityHeaders(nonce, deps.signIn.formActionOrigins),
        'content-type': 'text/html; charset=utf-8',
        'content-language': language,
      },
      body: html,
      cookies: input.cookies,
    };
  };

  return async function handleWebRequest(request: WebRequest, context: InvocationContext): Promise<HttpResponseInit> {
    const nonce = newNonce();
    /** A bare text answer (no page can be rendered for it), with the security headers every answer has. */
    const plainText = (status: number, body: string, headers: Record<string, string> = {}): HttpResponseInit => ({
      status,
      headers: {
        ...securityHeaders(nonce, deps.signIn.formActionOrigins),
        'content-type': 'text/plain; charset=utf-8',
        ...headers,
      },
      body,
    });
    let url: URL;
    try {
      // The address the visitor asked for: court staff pages reach the host at /court-admin/…, Front Door's rewrite
      // of /admin/… (http/court-admin-path.ts); every page, link, redirect and audit record sees /admin/….
      url = publicUrl(new URL(request.url));
    } catch {
      return plainText(400, 'Bad Request');
    }
    const secure = url.protocol === 'https:';
    const secureCookies = secureCookiesFor(url.origin);
    const cookies = parseCookies(request.headers.get('cookie'));
    const choice = chooseLanguage(url, cookies, secure);
    const language = choice.language;
    const method = request.method.toUpperCase();
    const baseCookies = choice.cookie ? [choice.cookie] : [];
    const viewer: { session: Session | null; method: string } = { session: null, method };
    /** The portal's own page for a refusal or a failure (403, 404, 500), in the reader's language. */
    const statusPage = (page: Omit<RenderInput, 'status' | 'cookies'>, status: number): HttpResponseInit =>
      render({ ...page, status, cookies: baseCookies }, language, url, nonce, cookies, viewer);

    const asPage = (result: Extract<PageResult, { kind: 'page' }>): RenderInput => ({
      template: result.template,
      title: result.title,
      hasError: result.hasError ?? false,
      context: result.context,
      status: result.status ?? 200,
      cookies: mergeCookies(baseCookies, result.cookies),
    });

    try {
      if (method !== 'GET' && method !== 'POST') {
        return {
          status: 405,
          headers: { ...securityHeaders(nonce, deps.signIn.formActionOrigins), allow: 'GET, POST' },
        };
      }
      if (method === 'POST' && isCrossSite(request, url)) {
        logEvent(context, 'warn', 'WEB_CROSS_SITE_FORM_REFUSED', { path: url.pathname });
        // The same page as a missing CSRF token: nothing was changed, and the reader is shown the way back.
        return statusPage(forbiddenPage(language), 403);
      }

      const sessionId = readSessionCookie(request.headers.get('cookie'), { secureCookies });
      const session = sessionId === null ? null : await deps.signIn.sessions.read(sessionId);
      if (sessionId !== null && session === null) {
        // Expired, signed out elsewhere or never ours: an anonymous reader, and the stale cookie goes.
        logEvent(context, 'info', 'WEB_SESSION_EXPIRED', { path: url.pathname });
        baseCookies.push(cookieFromSetCookie(clearSessionCookieHeader({ secureCookies })));
      }
      viewer.session = session;

      let form = new URLSearchParams();
      let files: PageRequest['files'] = new Map();
      let bodyTooLarge = false;
      if (method === 'POST') {
        const read = await readFormBody(request);
        if (!read.ok && read.reason === 'TOO_LARGE' && isMultipart(request.headers.get('content-type')) && !session) {
          // An anonymous file form too big to read goes to its page, which says so (no token to check, nothing read).
          bodyTooLarge = true;
        } else if (!read.ok) {
          return read.reason === 'TOO_LARGE'
            ? plainText(413, 'Payload Too Large', { connection: 'close' })
            : plainText(400, 'Bad Request');
        } else {
          ({ form, files } = read);
        }
      }
      if (method === 'POST' && session !== null) {
        const csrf = checkCsrf(session, form.get(CSRF_FIELD));
        if (!csrf.ok) {
          logEvent(context, 'warn', 'WEB_CSRF_TOKEN_REFUSED', {
            path: url.pathname,
            reason: csrf.reason,
            userId: session.principal.userId,
          });
          return statusPage(forbiddenPage(language), 403);
        }
      }

      const path = normalisePath(url.pathname);
      let matched: { handle: PageResult | Promise<PageResult> } | undefined;
      for (const compiled of compiledRoutes) {
        const params = compiled.match(path);
        if (!params || !compiled.route.methods.includes(method)) continue;
        const pageRequest: PageRequest = {
          method,
          url,
          params,
          form,
          files,
          bodyTooLarge,
          language,
          cookies,
          secure,
          secureCookies,
          session,
          sessionId: session === null ? null : sessionId,
          principal: session?.principal ?? null,
          now: deps.now(),
          logger: context,
        };
        matched = { handle: compiled.route.handle(deps, pageRequest) };
        break;
      }
      const result: PageResult = matched ? await matched.handle : { kind: 'not-found' };
      if (result.kind === 'redirect') {
        return {
          status: result.status ?? 303,
          headers: { ...securityHeaders(nonce, deps.signIn.formActionOrigins), location: result.location },
          cookies: mergeCookies(baseCookies, result.cookies),
        };
      }
      if (result.kind === 'file') {
        return {
          status: 200,
          headers: {
            ...securityHeaders(nonce, deps.signIn.formActionOrigins),
            ...result.headers,
            'content-security-policy': "default-src 'none'; sandbox",
            'content-type': result.contentType,
            ...(result.contentDisposition === undefined ? {} : { 'content-disposition': result.contentDisposition }),
          },
          body: result.body,
          cookies: baseCookies,
        };
      }
      if (result.kind === 'not-found') {
        return statusPage(notFoundPage(language), 404);
      }
      return render(asPage(result), language, url, nonce, cookies, viewer);
    } catch (error) {
      logEvent(context, 'error', 'WEB_PAGE_FAILED', {
        path: url.pathname,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      try {
        return statusPage(serverErrorPage(language), 500);
      } catch (renderError) {
        logEvent(context, 'error', 'WEB_ERROR_PAGE_RENDER_FAILED', { error: String(renderError) });
        return plainText(500, 'Sorry, there is a problem with the service');
      }
    }
  };
}
