/**
 * Find a court or tribunal by name. Suggestions come from a <datalist> of every court's name (the browser offers
 * them as you type, no JavaScript needed); submitting a name that is exactly a court's opens its publications,
 * a partial name lists the courts that contain it, nothing matching says so.
 */
import type { Location } from '../../../../shared/reference-data/location-queries.js';
import { compareNames, courtName, courtNameSuggestions } from '../../data/court-view.js';
import type { Language } from '../../i18n/language.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageRoute } from '../../router.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);
const maxNameLength = 200;

export type SearchOutcome =
  | { kind: 'form' }
  | { kind: 'empty' }
  | { kind: 'exact'; locationId: number }
  | { kind: 'results'; courts: Location[] }
  | { kind: 'none' };

const fold = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .toLowerCase()
    .trim();

/** Validation and matching: exact name (English or Welsh), else names that contain the text. */
export function searchCourts(courts: Location[], name: string | null, language: Language): SearchOutcome {
  if (name === null) return { kind: 'form' };
  const wanted = fold(name.slice(0, maxNameLength));
  if (wanted === '') return { kind: 'empty' };
  const names = (court: Location): string[] => [court.name, ...(court.welshName ? [court.welshName] : [])].map(fold);
  const exact = courts.find((court) => names(court).includes(wanted));
  if (exact) return { kind: 'exact', locationId: exact.locationId };
  const partial = courts
    .filter((court) => names(court).some((candidate) => candidate.includes(wanted)))
    .sort(compareNames(language));
  return partial.length > 0 ? { kind: 'results', courts: partial } : { kind: 'none' };
}

export const searchRoutes: PageRoute[] = [
  {
    path: '/search',
    methods: ['GET'],
    async handle(deps, request) {
      const t = strings[request.language];
      const courts = await deps.courts.all();
      const name = request.url.searchParams.get('name');
      const outcome = searchCourts(courts, name, request.language);
      if (outcome.kind === 'exact') return { kind: 'redirect', location: `/courts/${outcome.locationId}` };
      const error = outcome.kind === 'empty' ? t.errorEmpty : outcome.kind === 'none' ? t.errorNoResults : null;
      const suggestions = courtNameSuggestions(courts, request.language);
      return pageWithErrors({
        template: 'pages/search/search.njk',
        title: t.title,
        hasError: error !== null,
        context: {
          t,
          name: name?.slice(0, maxNameLength) ?? '',
          error,
          noResults: outcome.kind === 'none',
          suggestions,
          results:
            outcome.kind === 'results'
              ? outcome.courts.map((court) => ({
                  locationId: court.locationId,
                  name: courtName(court, request.language),
                }))
              : [],
        },
      });
    },
  },
];
