/**
 * What the admin pages about publications share (court staff's "Remove a list", functions/web/pages/remove-list/, and
 * the system admins' publications explorer, functions/web/pages/publications-explorer/): finding a court by name
 * without JavaScript (the portal's search rules: an exact English or Welsh name is taken, several matches are
 * offered, none is an error on the field), and a publication's metadata as the pages show it, in English or Welsh.
 */
import type { Publication } from '../../../../shared/publications/publication.js';
import type { Location } from '../../../../shared/reference-data/location-queries.js';
import { courtName, courtNameSuggestions } from '../../data/court-view.js';
import type { Language } from '../../i18n/language.js';
import { formatDate, formatDateTime, localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageRequest, type PageResult } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { publicationName as readerPublicationName } from '../court-publications/court-publications-page.js';
import { searchCourts } from '../search/search-page.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export const adminPublicationStrings = localeStrings(en, cy);

const artefactIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A publication id as the store keys them (a UUID): anything else is no publication, never a query. */
export function isArtefactId(value: string): boolean {
  return artefactIdPattern.test(value);
}

/** The court a path names by our id (`/…/:locationId`), or null (the page answers 404). */
export async function courtOfPath(deps: WebDependencies, raw: string | undefined): Promise<Location | null> {
  if (raw === undefined || !/^\d{1,9}$/.test(raw)) return null;
  return deps.courts.find(Number(raw));
}

/** The court search's form and outcome, for the page's template (`court-search.njk`). */
export interface CourtSearchView {
  value: string;
  error: string | null;
  errorList: { text: string; href: string }[];
  results: { name: string; href: string }[];
  suggestions: string[];
}

/**
 * The court search of a page, from its query `?court=`: an exact name redirects to the court's page (`courtHref`),
 * anything else is the form again with the courts that match or the error.
 */
export async function courtSearch(
  deps: WebDependencies,
  request: PageRequest,
  courtHref: (locationId: number) => string,
): Promise<{ kind: 'redirect'; result: PageResult } | { kind: 'form'; view: CourtSearchView }> {
  const t = adminPublicationStrings[request.language].courtSearch;
  const courts = await deps.courts.all();
  const name = request.url.searchParams.get('court');
  const outcome = searchCourts(courts, name, request.language);
  if (outcome.kind === 'exact') {
    return { kind: 'redirect', result: { kind: 'redirect', location: courtHref(outcome.locationId), status: 302 } };
  }
  const error = outcome.kind === 'empty' ? t.errorEmpty : outcome.kind === 'none' ? t.errorNone : null;
  return {
    kind: 'form',
    view: {
      value: name?.slice(0, 200) ?? '',
      error,
      errorList: error === null ? [] : [{ text: error, href: '#court' }],
      results:
        outcome.kind === 'results'
          ? outcome.courts.map((court) => ({
              name: courtName(court, request.language),
              href: courtHref(court.locationId),
            }))
          : [],
      suggestions: courtNameSuggestions(courts, request.language),
    },
  };
}

/**
 * A court-finding page: the court search, then either the redirect to the court's page or the page's own template
 * (which includes `court-search.njk`) with the search, the shared strings and what else the page gives it.
 */
export async function courtSearchPage(
  deps: WebDependencies,
  request: PageRequest,
  page: {
    courtHref: (locationId: number) => string;
    template: string;
    title: string;
    context: Record<string, unknown>;
  },
): Promise<PageResult> {
  const search = await courtSearch(deps, request, page.courtHref);
  if (search.kind === 'redirect') return search.result;
  return pageWithErrors({
    template: page.template,
    title: page.title,
    hasError: search.view.error !== null,
    context: { ...page.context, shared: adminPublicationStrings[request.language], search: search.view },
  });
}

/** A publication's name: its list type's in the page's language; else its file's name, else its type's name. */
export function publicationName(publication: Publication, language: Language): string {
  if (publication.type === 'LCSU') return adminPublicationStrings[language].types.LCSU;
  return readerPublicationName(publication, language);
}

/** What a table of a court's publications shows of each. */
export interface PublicationRow {
  artefactId: string;
  name: string;
  contentDate: string;
  language: string;
  sensitivity: string;
  displayFrom: string;
  displayTo: string;
  provenance: string;
}

export function publicationRow(publication: Publication, language: Language): PublicationRow {
  const t = adminPublicationStrings[language];
  return {
    artefactId: publication.artefactId,
    name: publicationName(publication, language),
    contentDate: formatDate(publication.contentDate, language),
    language: t.languages[publication.language],
    sensitivity: t.sensitivities[publication.sensitivity],
    displayFrom: formatDateTime(publication.displayFrom, language),
    displayTo: publication.displayTo === null ? t.untilRemoved : formatDateTime(publication.displayTo, language),
    provenance: publication.provenance,
  };
}

/** The name of the location a publication is stored against: our court's, or the NoMatch source id's. */
export function locationName(
  publication: Pick<Publication, 'locationId'>,
  court: Location | null,
  language: Language,
): string {
  if (court !== null) return courtName(court, language);
  const t = adminPublicationStrings[language];
  const noMatch = /^NoMatch(.*)$/.exec(publication.locationId);
  return noMatch ? t.noMatchCourt.replace('{id}', noMatch[1] ?? '') : publication.locationId;
}

/**
 * Every field of the Publication type (shared/publications/publication.ts), as GOV.UK summary list rows: what the
 * publications explorer shows of each publication. `satisfies` keeps the list whole when the type gains a field.
 */
export function publicationFieldRows(
  publication: Publication,
  court: Location | null,
  language: Language,
): { key: { text: string }; value: { text: string } }[] {
  const t = adminPublicationStrings[language];
  const text = (value: string | null) => (value === null || value === '' ? t.none : value);
  const listName =
    publication.listType === null ? t.none : `${publicationName(publication, language)} (${publication.listType})`;
  const values = {
    artefactId: publication.artefactId,
    locationId: `${publication.locationId} (${locationName(publication, court, language)})`,
    provenance: publication.provenance,
    sourceArtefactId: text(publication.sourceArtefactId),
    type: t.types[publication.type],
    listType: listName,
    contentDate: `${formatDate(publication.contentDate, language)} (${publication.contentDate})`,
    language: t.languages[publication.language],
    sensitivity: t.sensitivities[publication.sensitivity],
    displayFrom: formatDateTime(publication.displayFrom, language),
    displayTo: publication.displayTo === null ? t.untilRemoved : formatDateTime(publication.displayTo, language),
    isFlatFile: publication.isFlatFile ? t.yes : t.no,
    contentType: publication.contentType,
    fileName: text(publication.fileName),
    payloadSize: t.bytes.replace(
      '{count}',
      publication.payloadSize.toLocaleString(language === 'cy' ? 'cy-GB' : 'en-GB'),
    ),
    blobName: publication.blobName,
    supersededCount: String(publication.supersededCount),
    lastReceivedAt: formatDateTime(publication.lastReceivedAt, language),
  } satisfies Record<keyof Publication, string>;
  return (Object.keys(values) as (keyof Publication)[]).map((field) => ({
    key: { text: t.fields[field] },
    value: { text: values[field] },
  }));
}
