/**
 * Find a court or tribunal: the A to Z list with jurisdiction and region filters. The filters are a GET form
 * (checkboxes, "Apply filters"), so a filtered list is a plain link that works without JavaScript; the selected
 * filters are shown with a link removing each and "Clear filters". Filter values are the English reference data
 * values whatever the language, so switching language keeps the filters.
 */
import { singleJusticeProcedureLocationId, type Location } from '../../../../shared/reference-data/location-queries.js';
import { compareNames, courtName, translatedValues } from '../../data/court-view.js';
import type { Language } from '../../i18n/language.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import type { PageRoute } from '../../router.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export interface CourtFilters {
  jurisdictions: string[];
  regions: string[];
}

export interface FilterOption {
  value: string;
  label: string;
}

const key = (value: string): string => value.trim().toLowerCase();

/** Validation: only values that exist among the courts are kept (anything else in the query is ignored). */
export function parseFilters(
  query: URLSearchParams,
  options: { jurisdictions: FilterOption[]; regions: FilterOption[] },
): CourtFilters {
  const keep = (values: string[], known: FilterOption[]): string[] => {
    const byKey = new Map(known.map((option) => [key(option.value), option.value]));
    return [
      ...new Set(values.map((value) => byKey.get(key(value))).filter((value): value is string => value !== undefined)),
    ];
  };
  return {
    jurisdictions: keep(query.getAll('jurisdiction'), options.jurisdictions),
    regions: keep(query.getAll('region'), options.regions),
  };
}

function courtJurisdictions(court: Location): { value: string; en: string; cy: string }[] {
  return translatedValues(court.jurisdiction, court.welshJurisdiction);
}

function courtRegions(court: Location): { value: string; en: string; cy: string }[] {
  return translatedValues(court.region, court.welshRegion);
}

export function filterOptions(
  courts: Location[],
  language: Language,
): { jurisdictions: FilterOption[]; regions: FilterOption[] } {
  const collect = (values: { value: string; en: string; cy: string }[]): FilterOption[] => {
    const options = new Map<string, FilterOption>();
    for (const value of values)
      if (!options.has(key(value.value))) options.set(key(value.value), { value: value.value, label: value[language] });
    const collator = new Intl.Collator(language === 'cy' ? 'cy-GB' : 'en-GB');
    return [...options.values()].sort((a, b) => collator.compare(a.label, b.label));
  };
  return { jurisdictions: collect(courts.flatMap(courtJurisdictions)), regions: collect(courts.flatMap(courtRegions)) };
}

/** A court matches when it has any selected jurisdiction (if any) and any selected region (if any). */
export function applyFilters(courts: Location[], filters: CourtFilters): Location[] {
  const matches = (values: { value: string }[], selected: string[]): boolean =>
    selected.length === 0 || values.some((value) => selected.some((wanted) => key(wanted) === key(value.value)));
  return courts.filter(
    (court) =>
      matches(courtJurisdictions(court), filters.jurisdictions) && matches(courtRegions(court), filters.regions),
  );
}

function firstLetter(name: string): string {
  const letter = name.trim().charAt(0).normalize('NFKD').charAt(0).toUpperCase();
  return /[A-Z]/.test(letter) ? letter : '#';
}

function filtersQuery(filters: CourtFilters, language: Language): string {
  const query = new URLSearchParams();
  for (const value of filters.jurisdictions) query.append('jurisdiction', value);
  for (const value of filters.regions) query.append('region', value);
  query.set('lng', language);
  return `/courts?${query.toString()}`;
}

export const courtsRoutes: PageRoute[] = [
  {
    path: '/courts',
    methods: ['GET'],
    async handle(deps, request) {
      const language = request.language;
      const t = strings[language];
      const all = await deps.courts.all();
      const options = filterOptions(all, language);
      const filters = parseFilters(request.url.searchParams, options);
      const shown = applyFilters(all, filters).sort(compareNames(language));
      const national = shown.filter((court) => court.locationId === singleJusticeProcedureLocationId);
      const listed = shown.filter((court) => court.locationId !== singleJusticeProcedureLocationId);

      const groups = new Map<string, { locationId: number; name: string }[]>();
      for (const court of listed) {
        const name = courtName(court, language);
        const letter = firstLetter(name);
        const group = groups.get(letter) ?? [];
        group.push({ locationId: court.locationId, name });
        groups.set(letter, group);
      }
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
        .split('')
        .map((letter) => ({ letter, present: groups.has(letter) }));
      const label = (option: FilterOption[], value: string): string =>
        option.find((o) => o.value === value)?.label ?? value;
      const selected = [
        ...filters.jurisdictions.map((value) => ({
          label: label(options.jurisdictions, value),
          removeHref: filtersQuery(
            { ...filters, jurisdictions: filters.jurisdictions.filter((v) => v !== value) },
            language,
          ),
        })),
        ...filters.regions.map((value) => ({
          label: label(options.regions, value),
          removeHref: filtersQuery({ ...filters, regions: filters.regions.filter((v) => v !== value) }, language),
        })),
      ];
      const items = (list: FilterOption[], chosen: string[]) =>
        list.map((option) => ({ value: option.value, text: option.label, checked: chosen.includes(option.value) }));
      return {
        kind: 'page',
        template: 'pages/courts/courts.njk',
        title: t.title,
        context: {
          t,
          selected,
          jurisdictionItems: items(options.jurisdictions, filters.jurisdictions),
          regionItems: items(options.regions, filters.regions),
          alphabet,
          nationalLists: national.map((court) => ({ locationId: court.locationId, name: courtName(court, language) })),
          groups: [...groups.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([letter, courts]) => ({ letter, courts })),
          courtCount: listed.length,
        },
      };
    },
  },
];
