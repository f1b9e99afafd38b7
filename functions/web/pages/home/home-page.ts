/** Home: "What do you want to do?" — find a court or tribunal, or find a Single Justice Procedure case. */
import { singleJusticeProcedureLocationId } from '../../../../shared/reference-data/location-queries.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageRequest, type PageResult, type PageRoute } from '../../router.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export type ViewOption = 'court' | 'sjp';

/** Validation: the one required choice. */
export function parseViewOption(form: URLSearchParams): ViewOption | null {
  const value = form.get('view-option');
  return value === 'court' || value === 'sjp' ? value : null;
}

export const viewOptionDestinations: Record<ViewOption, string> = {
  court: '/search',
  sjp: `/courts/${singleJusticeProcedureLocationId}`,
};

function homePage(request: PageRequest, error: boolean): PageResult {
  const t = strings[request.language];
  return pageWithErrors({
    template: 'pages/home/home.njk',
    title: t.title,
    hasError: error,
    context: { t, error: error ? t.errorSelect : null },
  });
}

export const homeRoutes: PageRoute[] = [
  { path: '/', methods: ['GET'], handle: (_deps, request) => homePage(request, false) },
  {
    path: '/',
    methods: ['POST'],
    handle: (_deps, request) => {
      const option = parseViewOption(request.form);
      return option ? { kind: 'redirect', location: viewOptionDestinations[option] } : homePage(request, true);
    },
  },
];
