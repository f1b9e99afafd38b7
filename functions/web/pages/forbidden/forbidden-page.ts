/**
 * The 403 page: a form posted from another site, or a signed-in person's form that did not carry their session's CSRF
 * token (nothing was changed in either case).
 */
import type { Language } from '../../i18n/language.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export function forbiddenPage(language: Language): {
  template: string;
  title: string;
  context: Record<string, unknown>;
} {
  const t = strings[language];
  return { template: 'pages/forbidden/forbidden.njk', title: t.title, context: { t } };
}
