/**
 * The reader's language: `?lng=cy` or `?lng=en` chooses it (and is remembered in the `lng` cookie), otherwise the
 * cookie, otherwise English. The toggle is a plain link to the same page with the other `lng` (a query-only href).
 */
import type { Cookie } from '@azure/functions';

export type Language = 'en' | 'cy';

export const languageCookieName = 'lng';
const oneYearSeconds = 365 * 24 * 60 * 60;

function asLanguage(value: string | null | undefined): Language | null {
  const normalised = value?.trim().toLowerCase();
  return normalised === 'en' || normalised === 'cy' ? normalised : null;
}

export interface LanguageChoice {
  language: Language;
  /** Set when the query chose a language different from the remembered one. */
  cookie: Cookie | null;
}

export function chooseLanguage(url: URL, cookies: ReadonlyMap<string, string>, secure: boolean): LanguageChoice {
  const requested = asLanguage(url.searchParams.get('lng'));
  const remembered = asLanguage(cookies.get(languageCookieName));
  if (requested === null) return { language: remembered ?? 'en', cookie: null };
  if (requested === remembered) return { language: requested, cookie: null };
  return {
    language: requested,
    cookie: {
      name: languageCookieName,
      value: requested,
      path: '/',
      maxAge: oneYearSeconds,
      sameSite: 'Lax',
      httpOnly: true,
      secure,
    },
  };
}

/**
 * The same page in the other language: the query kept, `lng` replaced. The href is the query alone, which a browser
 * resolves against the page's own address: a path-absolute href would leave the site on a path such as `//evil.com`.
 */
export function languageToggleHref(url: URL, language: Language): string {
  const query = new URLSearchParams(url.searchParams);
  query.delete('lng');
  query.set('lng', language === 'en' ? 'cy' : 'en');
  return `?${query.toString()}`;
}
