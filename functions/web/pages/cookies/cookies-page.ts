/** Cookies: what we set, and the analytics choice (a form; the cookie banner posts to the same route). */
import { localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageRequest, type PageResult, type PageRoute } from '../../router.js';
import { consentCookie, readConsent, bannerReturnPath, withConfirmation, type Consent } from './cookie-consent.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

/** Validation: `analytics` must be yes or no. */
export function parseConsent(form: URLSearchParams): Consent | null {
  const value = form.get('analytics');
  return value === 'yes' ? 'accepted' : value === 'no' ? 'rejected' : null;
}

function cookiesPage(request: PageRequest, options: { error: boolean }): PageResult {
  const t = strings[request.language];
  return pageWithErrors({
    template: 'pages/cookies/cookies.njk',
    title: t.title,
    hasError: options.error,
    context: {
      t,
      error: options.error ? t.errorSelect : null,
      saved: request.url.searchParams.get('saved') === 'true',
      consent: readConsent(request.cookies),
    },
  });
}

export const cookiesRoutes: PageRoute[] = [
  { path: '/cookies', methods: ['GET'], handle: (_deps, request) => cookiesPage(request, { error: false }) },
  {
    path: '/cookies',
    methods: ['POST'],
    handle: (_deps, request) => {
      const consent = parseConsent(request.form);
      const fromBanner = request.form.get('source') === 'banner';
      if (!consent) {
        return fromBanner
          ? { kind: 'redirect', location: bannerReturnPath(request.form.get('returnTo')) }
          : cookiesPage(request, { error: true });
      }
      const location = fromBanner
        ? withConfirmation(bannerReturnPath(request.form.get('returnTo')), consent)
        : '/cookies?saved=true';
      return { kind: 'redirect', location, cookies: [consentCookie(consent, request.secure)] };
    },
  },
];
