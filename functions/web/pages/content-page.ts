/** A page of fixed content (privacy, accessibility statement, help, contact): its template and its en/cy strings. */
import type { Language } from '../i18n/language.js';
import type { PageRoute } from '../router.js';

export function contentPageRoute(
  path: string,
  template: string,
  strings: Record<Language, { title: string }>,
): PageRoute {
  return {
    path,
    methods: ['GET'],
    handle: (_deps, request) => {
      const t = strings[request.language];
      return { kind: 'page', template, title: t.title, context: { t } };
    },
  };
}
