/** The 500 page: the same words whatever went wrong; the detail is only in the log (event WEB_PAGE_FAILED). */
import type { Language } from '../../i18n/language.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export function serverErrorPage(language: Language): {
  template: string;
  title: string;
  context: Record<string, unknown>;
} {
  const t = strings[language];
  return { template: 'pages/server-error/server-error.njk', title: t.title, context: { t } };
}
