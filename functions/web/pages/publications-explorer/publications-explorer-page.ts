/**
 * The publications explorer (system admins, /system-admin/publications): find a court by name, or open the NoMatch
 * publications (stored against a source court id our reference data does not map); see every field of each live
 * publication; open one, read its payload (JSON pretty-printed and escaped, a file downloaded with its content type as
 * an attachment), and delete it (confirmed; the same removal as DELETE api/publication). Every look at a publication
 * is audited: a restricted one (PRIVATE, CLASSIFIED, INTERNAL) as RESTRICTED_LIST_ACCESS, as the read API does, a
 * public one as PUBLICATION_EXPLORER_VIEW; so is every listing. A system admin reads every publication here, whatever
 * its sensitivity, list type or display window: that is what the explorer is for.
 */
import type { Publication } from '../../../../shared/publications/publication.js';
import type { Location } from '../../../../shared/reference-data/location-queries.js';
import { logEvent } from '../../../../shared/logging/log-event.js';
import { contentDisposition } from '../../../http-kit/content-disposition.js';
import { courtName } from '../../data/court-view.js';
import { adminRoute, type AdminPageRequest } from '../../http/admin-guard.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageResult, type PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import {
  adminPublicationStrings,
  courtOfPath,
  courtSearchPage,
  isArtefactId,
  locationName,
  publicationFieldRows,
  publicationName,
} from '../admin-publications/admin-publications.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);
const basePath = '/system-admin/publications';
const courtPath = (locationId: number) => `${basePath}/court/${locationId}`;
const noMatchPath = `${basePath}/no-match`;
const publicationPath = (artefactId: string) => `${basePath}/${artefactId}`;

/** The audit action of a look at a public publication, or at a listing, in the explorer. */
export const explorerViewAction = 'PUBLICATION_EXPLORER_VIEW';

/** Where a publication's listing is: its court's page, or the NoMatch page. */
function listingPathOf(locationId: string): string | null {
  if (/^\d{1,9}$/.test(locationId)) return courtPath(Number(locationId));
  return locationId.startsWith('NoMatch') ? noMatchPath : null;
}

async function courtOf(deps: WebDependencies, publication: Publication): Promise<Location | null> {
  return /^\d{1,9}$/.test(publication.locationId) ? deps.courts.find(Number(publication.locationId)) : null;
}

/** A look at one publication (its metadata, payload or file): audited as the read API audits restricted reads. */
async function auditRead(
  deps: WebDependencies,
  request: AdminPageRequest,
  publication: Publication,
  part: 'metadata' | 'payload' | 'file',
): Promise<void> {
  const restricted = publication.sensitivity !== 'PUBLIC';
  await deps.audit({
    action: restricted ? 'RESTRICTED_LIST_ACCESS' : explorerViewAction,
    outcome: 'SUCCESS',
    actor: request.principal,
    objectType: 'publication',
    objectId: publication.artefactId,
    details: {
      part,
      sensitivity: publication.sensitivity,
      listType: publication.listType,
      locationId: publication.locationId,
      grant: 'SYSTEM_ADMIN',
      via: 'PUBLICATIONS_EXPLORER',
    },
  });
}

async function searchPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  return courtSearchPage(deps, request, {
    courtHref: courtPath,
    template: 'pages/publications-explorer/find-court.njk',
    title: t.title,
    context: { t, noMatchPath },
  });
}

/** Publications on one page of a listing. */
export const EXPLORER_PAGE_SIZE = 25;
/** No listing is paged further (25,000 publications); a higher page number is no page. */
const MAX_PAGE = 1000;

/** The page number of `?page=` (1 when absent); null when it is not one (the page answers 404). */
function pageNumberOf(request: AdminPageRequest): number | null {
  const raw = request.url.searchParams.get('page');
  if (raw === null) return 1;
  if (!/^[1-9]\d{0,3}$/.test(raw)) return null;
  const page = Number(raw);
  return page <= MAX_PAGE ? page : null;
}

type PaginationItem = { number: string; href: string; current: boolean } | { ellipsis: true };

/**
 * GOV.UK pagination's numbered items: the first and last pages, the current one and its neighbours, an ellipsis for
 * each gap (as the Design System's pagination guidance shows them).
 */
export function paginationItems(current: number, last: number, href: (page: number) => string): PaginationItem[] {
  const shown = [...new Set([1, current - 1, current, current + 1, last])]
    .filter((page) => page >= 1 && page <= last)
    .sort((a, b) => a - b);
  return shown.flatMap((page, index): PaginationItem[] => {
    const item = { number: String(page), href: href(page), current: page === current };
    const previous = shown[index - 1];
    return previous !== undefined && page - previous > 1 ? [{ ellipsis: true }, item] : [item];
  });
}

async function listingPage(
  deps: WebDependencies,
  request: AdminPageRequest,
  listing: { court: Location } | { noMatch: true },
): Promise<PageResult> {
  const language = request.language;
  const t = strings[language];
  const pageNumber = pageNumberOf(request);
  if (pageNumber === null) return { kind: 'not-found' };
  const page = await deps.publications.livePage(
    'court' in listing ? { locationId: String(listing.court.locationId) } : { noMatch: true },
    { offset: (pageNumber - 1) * EXPLORER_PAGE_SIZE, limit: EXPLORER_PAGE_SIZE },
  );
  const lastPage = Math.max(1, Math.ceil(page.total / EXPLORER_PAGE_SIZE));
  if (pageNumber > lastPage) return { kind: 'not-found' };
  await deps.audit({
    action: explorerViewAction,
    outcome: 'SUCCESS',
    actor: request.principal,
    objectType: 'location',
    objectId: 'court' in listing ? String(listing.court.locationId) : 'NoMatch',
    details: { count: page.items.length, total: page.total, page: pageNumber },
  });
  const listingPath = 'court' in listing ? courtPath(listing.court.locationId) : noMatchPath;
  const pageHref = (number: number) => (number === 1 ? listingPath : `${listingPath}?page=${number}`);
  const heading =
    'court' in listing ? t.courtHeading.replace('{court}', courtName(listing.court, language)) : t.noMatchHeading;
  const court = 'court' in listing ? listing.court : null;
  const first = (pageNumber - 1) * EXPLORER_PAGE_SIZE + 1;
  return {
    kind: 'page',
    template: 'pages/publications-explorer/publications.njk',
    title:
      lastPage > 1
        ? `${heading} (${t.pageOf.replace('{page}', String(pageNumber)).replace('{pages}', String(lastPage))})`
        : heading,
    context: {
      t,
      heading,
      noMatch: !('court' in listing),
      showing:
        page.total > EXPLORER_PAGE_SIZE
          ? t.showing
              .replace('{from}', String(first))
              .replace('{to}', String(first + page.items.length - 1))
              .replace('{total}', String(page.total))
          : null,
      pagination:
        lastPage > 1
          ? {
              landmarkLabel: t.pagination,
              previous: pageNumber > 1 ? { href: pageHref(pageNumber - 1), text: t.previousPage } : null,
              next: pageNumber < lastPage ? { href: pageHref(pageNumber + 1), text: t.nextPage } : null,
              items: paginationItems(pageNumber, lastPage, pageHref),
            }
          : null,
      cards: page.items.map((publication) => ({
        title: publicationName(publication, language),
        href: publicationPath(publication.artefactId),
        rows: publicationFieldRows(publication, court, language),
      })),
    },
  };
}

async function courtListingPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const court = await courtOfPath(deps, request.params.locationId);
  return court === null ? { kind: 'not-found' } : listingPage(deps, request, { court });
}

/** The publication a path names (a live one), or null. */
async function publicationOfPath(deps: WebDependencies, request: AdminPageRequest): Promise<Publication | null> {
  const artefactId = request.params.artefactId ?? '';
  return isArtefactId(artefactId) ? deps.publications.find(artefactId) : null;
}

async function publicationPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const publication = await publicationOfPath(deps, request);
  if (publication === null) return { kind: 'not-found' };
  await auditRead(deps, request, publication, 'metadata');
  const language = request.language;
  const t = strings[language];
  const court = await courtOf(deps, publication);
  const name = publicationName(publication, language);
  return {
    kind: 'page',
    template: 'pages/publications-explorer/publication.njk',
    title: name,
    context: {
      t,
      heading: name,
      caption: locationName(publication, court, language),
      rows: publicationFieldRows(publication, court, language),
      payloadHref: `${publicationPath(publication.artefactId)}/payload`,
      payloadText: publication.isFlatFile
        ? `${t.downloadFile} (${publication.fileName ?? publication.contentType})`
        : t.viewPayload,
      deleteHref: `${publicationPath(publication.artefactId)}/delete`,
      backHref: listingPathOf(publication.locationId) ?? basePath,
    },
  };
}

/** The JSON pretty-printed; what does not parse, exactly as stored (the template escapes either). */
function prettyJson(bytes: Buffer): { text: string; parsed: boolean } {
  const text = bytes.toString('utf8');
  try {
    return { text: JSON.stringify(JSON.parse(text) as unknown, null, 2), parsed: true };
  } catch {
    return { text, parsed: false };
  }
}

async function payloadPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const publication = await publicationOfPath(deps, request);
  if (publication === null) return { kind: 'not-found' };
  const t = strings[request.language];
  const name = publicationName(publication, request.language);
  await auditRead(deps, request, publication, publication.isFlatFile ? 'file' : 'payload');
  const bytes = await deps.publications.readPayload(publication);
  if (bytes !== null && publication.isFlatFile) {
    return {
      kind: 'file',
      body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
      contentType: publication.contentType,
      contentDisposition: contentDisposition(
        publication.fileName ?? `publication-${publication.artefactId}`,
        publication.contentType,
        { attachment: true },
      ),
    };
  }
  if (bytes === null) {
    logEvent(request.logger, 'error', 'PUBLICATION_BLOB_MISSING', {
      artefactId: publication.artefactId,
      blobName: publication.blobName,
    });
  }
  const payload = bytes === null ? null : prettyJson(bytes);
  return {
    kind: 'page',
    status: payload === null ? 404 : 200,
    template: 'pages/publications-explorer/payload.njk',
    title: `${t.payloadTitle}: ${name}`,
    context: {
      t,
      heading: `${t.payloadTitle}: ${name}`,
      caption: t.payloadCaption.replace('{name}', name),
      payload,
      backHref: publicationPath(publication.artefactId),
    },
  };
}

async function deletePage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const publication = await publicationOfPath(deps, request);
  if (publication === null) return { kind: 'not-found' };
  const language = request.language;
  const t = strings[language];
  const answer = request.method === 'POST' ? request.form.get('confirm') : null;
  if (answer === 'no') return { kind: 'redirect', location: publicationPath(publication.artefactId) };
  if (answer === 'yes') {
    const removed = await deps.publications.remove(
      publication.artefactId,
      request.principal,
      request.logger,
      'PUBLICATIONS_EXPLORER',
    );
    if (removed === null) return { kind: 'not-found' };
    const query = new URLSearchParams({ location: removed.locationId });
    return { kind: 'redirect', location: `${basePath}/deleted?${query.toString()}` };
  }
  const error = request.method === 'POST' ? t.errorConfirm : null;
  const court = await courtOf(deps, publication);
  return pageWithErrors({
    template: 'pages/publications-explorer/delete.njk',
    title: t.deleteQuestion,
    hasError: error !== null,
    context: {
      t,
      shared: adminPublicationStrings[language],
      heading: t.deleteQuestion,
      name: publicationName(publication, language),
      caption: locationName(publication, court, language),
      action: `${publicationPath(publication.artefactId)}/delete`,
      backHref: publicationPath(publication.artefactId),
      error,
      errorList: error ? [{ text: error, href: '#confirm' }] : [],
    },
  });
}

function deletedPage(_deps: WebDependencies, request: AdminPageRequest): PageResult {
  const t = strings[request.language];
  const listing = listingPathOf(request.url.searchParams.get('location') ?? '');
  return {
    kind: 'page',
    template: 'pages/publications-explorer/deleted.njk',
    title: t.deletedTitle,
    context: {
      t,
      listing:
        listing === null ? null : { href: listing, text: listing === noMatchPath ? t.backToNoMatch : t.backToCourt },
    },
  };
}

export const publicationsExplorerRoutes: PageRoute[] = [
  adminRoute('system-admin', basePath, ['GET'], searchPage),
  adminRoute('system-admin', `${basePath}/court/:locationId`, ['GET'], courtListingPage),
  adminRoute('system-admin', noMatchPath, ['GET'], (deps, request) => listingPage(deps, request, { noMatch: true })),
  adminRoute('system-admin', `${basePath}/deleted`, ['GET'], deletedPage),
  adminRoute('system-admin', `${basePath}/:artefactId`, ['GET'], publicationPage),
  adminRoute('system-admin', `${basePath}/:artefactId/payload`, ['GET'], payloadPage),
  adminRoute('system-admin', `${basePath}/:artefactId/delete`, ['GET', 'POST'], deletePage),
];
