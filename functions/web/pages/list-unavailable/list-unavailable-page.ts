/**
 * 404 "no longer available": a publication the reader may see whose stored payload cannot be read (its blob was
 * deleted or superseded meanwhile, or storage lost it). The list page logs it as an error with the artefact id.
 */
import type { Language } from '../../i18n/language.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import type { PageResult } from '../../router.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export function listUnavailablePage(
  language: Language,
  courtHref: string | null,
): Extract<PageResult, { kind: 'page' }> {
  const t = strings[language];
  return {
    kind: 'page',
    status: 404,
    template: 'pages/list-unavailable/list-unavailable.njk',
    title: t.title,
    context: { t, courtHref },
  };
}
