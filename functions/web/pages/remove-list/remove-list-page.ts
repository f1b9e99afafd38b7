/**
 * Remove a list (court staff, /admin/remove-list): find the court by name, tick one or more of its live
 * publications in a table (list, content date, language, sensitivity, display from and to, provenance), confirm
 * (GOV.UK yes/no question), and see "List removed". Each removal goes through the same code as DELETE
 * api/publication (shared/publications/remove-publication.ts: the row and its audit record, then the blobs); removed
 * lists are never announced to subscribers. The ticked ids travel in the confirmation page's address and form; only
 * publications still live at that court are removed.
 */
import { adminRoute, type AdminPageRequest } from '../../http/admin-guard.js';
import { courtAdminHref } from '../../http/court-admin-path.js';
import { courtName } from '../../data/court-view.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageResult, type PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import type { Publication } from '../../../../shared/publications/publication.js';
import type { Location } from '../../../../shared/reference-data/location-queries.js';
import {
  adminPublicationStrings,
  courtOfPath,
  courtSearchPage,
  isArtefactId,
  publicationRow,
} from '../admin-publications/admin-publications.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);
const basePath = courtAdminHref('/remove-list');
const courtPath = (locationId: number) => `${basePath}/${locationId}`;

async function findCourtPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  return courtSearchPage(deps, request, {
    courtHref: courtPath,
    template: 'pages/remove-list/find-court.njk',
    title: t.title,
    context: { t },
  });
}

/** The court's live publications with the given ids, in the table's order. */
function selectedOf(publications: Publication[], ids: string[]): Publication[] {
  const wanted = new Set(ids.filter(isArtefactId).map((id) => id.toLowerCase()));
  return publications.filter((publication) => wanted.has(publication.artefactId.toLowerCase()));
}

async function listsPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const court = await courtOfPath(deps, request.params.locationId);
  if (court === null) return { kind: 'not-found' };
  const language = request.language;
  const t = strings[language];
  const publications = await deps.publications.allLiveAt(String(court.locationId));
  const ticked = request.method === 'POST' ? selectedOf(publications, request.form.getAll('artefactId')) : [];
  if (request.method === 'POST' && ticked.length > 0) {
    const query = new URLSearchParams(
      ticked.map((publication): [string, string] => ['artefactId', publication.artefactId]),
    );
    return { kind: 'redirect', location: `${courtPath(court.locationId)}/confirm?${query.toString()}` };
  }
  const error = request.method === 'POST' ? t.errorNothingTicked : null;
  const name = courtName(court, language);
  return pageWithErrors({
    template: 'pages/remove-list/remove-list.njk',
    title: t.listsTitle,
    hasError: error !== null,
    context: {
      t,
      shared: adminPublicationStrings[language],
      heading: t.listsHeading.replace('{court}', name),
      caption: t.tableCaption.replace('{court}', name),
      action: courtPath(court.locationId),
      error,
      errorList: error ? [{ text: error, href: '#artefactId' }] : [],
      rows: publications.map((publication) => {
        const row = publicationRow(publication, language);
        return {
          ...row,
          selectLabel: t.selectLabel
            .replace('{list}', row.name)
            .replace('{date}', row.contentDate)
            .replace('{language}', row.language),
        };
      }),
    },
  });
}

function confirmPageResult(
  request: AdminPageRequest,
  court: Location,
  selected: Publication[],
  error: boolean,
): PageResult {
  const t = strings[request.language];
  const many = selected.length > 1;
  const errorText = error ? (many ? t.errorConfirmMany : t.errorConfirmOne) : null;
  return pageWithErrors({
    template: 'pages/remove-list/confirm.njk',
    title: many ? t.confirmTitleMany : t.confirmTitleOne,
    hasError: error,
    context: {
      t,
      shared: adminPublicationStrings[request.language],
      question: many ? t.confirmTitleMany : t.confirmTitleOne,
      backHref: courtPath(court.locationId),
      action: `${courtPath(court.locationId)}/confirm`,
      error: errorText,
      errorList: errorText ? [{ text: errorText, href: '#confirm' }] : [],
      rows: selected.map((publication) => publicationRow(publication, request.language)),
    },
  });
}

async function confirmPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const court = await courtOfPath(deps, request.params.locationId);
  if (court === null) return { kind: 'not-found' };
  const ids =
    request.method === 'POST' ? request.form.getAll('artefactId') : request.url.searchParams.getAll('artefactId');
  const selected = selectedOf(await deps.publications.allLiveAt(String(court.locationId)), ids);
  // Nothing (left) to remove: removed meanwhile, or an address made by hand. Back to the table.
  if (selected.length === 0) return { kind: 'redirect', location: courtPath(court.locationId) };
  if (request.method === 'GET') return confirmPageResult(request, court, selected, false);

  const answer = request.form.get('confirm');
  if (answer === 'no') return { kind: 'redirect', location: courtPath(court.locationId) };
  if (answer !== 'yes') return confirmPageResult(request, court, selected, true);
  let removed = 0;
  for (const publication of selected) {
    const gone = await deps.publications.remove(
      publication.artefactId,
      request.principal,
      request.logger,
      'REMOVE_LIST_PAGE',
    );
    if (gone !== null) removed += 1;
  }
  // None removed: someone else removed them meanwhile (each attempt is audited); the table shows what is left.
  if (removed === 0) return { kind: 'redirect', location: courtPath(court.locationId) };
  return { kind: 'redirect', location: `${courtPath(court.locationId)}/removed?count=${removed}` };
}

async function removedPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const court = await courtOfPath(deps, request.params.locationId);
  if (court === null) return { kind: 'not-found' };
  const t = strings[request.language];
  const raw = request.url.searchParams.get('count') ?? '1';
  const count = /^\d{1,4}$/.test(raw) ? Math.max(Number(raw), 1) : 1;
  const name = courtName(court, request.language);
  const heading = count > 1 ? t.removedMany : t.removedOne;
  return {
    kind: 'page',
    template: 'pages/remove-list/removed.njk',
    title: heading,
    context: {
      t,
      heading,
      body: (count > 1 ? t.removedBodyMany : t.removedBodyOne)
        .replace('{count}', String(count))
        .replace('{court}', name),
      courtHref: `/courts/${court.locationId}`,
      viewCourt: t.viewCourt.replace('{court}', name),
    },
  };
}

export const removeListRoutes: PageRoute[] = [
  adminRoute('court-admin', basePath, ['GET'], findCourtPage),
  adminRoute('court-admin', `${basePath}/:locationId`, ['GET', 'POST'], listsPage),
  adminRoute('court-admin', `${basePath}/:locationId/confirm`, ['GET', 'POST'], confirmPage),
  adminRoute('court-admin', `${basePath}/:locationId/removed`, ['GET'], removedPage),
];
