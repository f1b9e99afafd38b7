/** The 404 page: rendered for any path or publication the reader may not see (it never says which). */
import type { Language } from '../../i18n/language.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export function notFoundPage(language: Language): {
  template: string;
  title: string;
  context: Record<string, unknown>;
} {
  const t = strings[language];
  return { template: 'pages/not-found/not-found.njk', title: t.title, context: { t } };
}
