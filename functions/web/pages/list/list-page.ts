/**
 * A list publication: the artefact is loaded (404 unless the reader, anonymous or signed in, may see it now; the same
 * 404 as a publication that does not exist), its payload read from Blob Storage and handed to the list renderings
 * (functions/web/lists/), whose content-only fragment is included in the layout. Reads of PRIVATE, CLASSIFIED and
 * INTERNAL lists, allowed or not, are audited as RESTRICTED_LIST_ACCESS, as the read API does. Flat files are served
 * at `/list/{id}/file` (../list-file/list-file-page.ts), for the session's reader: a PDF opens inline, others download. Judgments and outcomes and general
 * publications sent as JSON (no list type) get a page of their fields (./publication-fields.ts), with a link to the
 * payload. A JSON publication nothing can show (a list type we do not know, or a payload that will not parse or
 * render) gets a page that links to its payload: a published artefact's page never answers 500 for what it
 * contains. A live case status update has no page (404): it is for court screens and never listed. A publication whose payload is gone (its blob deleted or
 * superseded meanwhile, or lost by storage) answers 404 "no longer available", logged as the error
 * LIST_PAYLOAD_MISSING with its artefact id.
 */
import { findListType } from '../../../../shared/publications/catalogue/list-types.js';
import { courtName } from '../../data/court-view.js';
import { formatDate, localeStrings } from '../../i18n/locale-strings.js';
import type { PageResult, PageRoute } from '../../router.js';
import { publicationTypeName } from '../court-publications/court-publications-page.js';
import { readPayloadOrUnavailable } from '../list-unavailable/list-unavailable-page.js';
import { publicationFields, type PublicationField } from './publication-fields.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import { listRenditionContext } from './list-renditions-context.js';
import { flatFileHref } from '../list-file/list-file-page.js';

const strings = localeStrings(en, cy);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page of a JSON publication that no list rendering shows: its name, and a link to download the payload. */
function downloadPage(
  artefactId: string,
  language: 'en' | 'cy',
  name: string | null,
  backHref: string | null,
): PageResult {
  const t = strings[language];
  const heading = name ?? t.heading;
  return {
    kind: 'page',
    template: 'pages/list/download.njk',
    title: heading,
    context: { t, heading, backHref, downloadHref: `/api/publication/${artefactId}/payload` },
  };
}

/** The fields of a stored JSON payload; null when it will not parse or holds no value to show. */
function parsedFields(stored: Buffer): PublicationField[] | null {
  try {
    const fields = publicationFields(JSON.parse(stored.toString('utf8').replace(/^\uFEFF/, '')));
    return fields.length > 0 ? fields : null;
  } catch {
    return null;
  }
}

export const listRoutes: PageRoute[] = [
  {
    path: '/list/:artefactId',
    methods: ['GET'],
    async handle(deps, request) {
      const artefactId = request.params.artefactId ?? '';
      if (!uuid.test(artefactId)) return { kind: 'not-found' };
      const publication = await deps.publications.find(artefactId.toLowerCase());
      if (!publication) return { kind: 'not-found' };
      const allowed = deps.canRead(request.principal, publication, request.now);
      if (publication.sensitivity !== 'PUBLIC') {
        await deps.audit({
          action: 'RESTRICTED_LIST_ACCESS',
          outcome: allowed ? 'SUCCESS' : 'DENIED',
          actor: request.principal,
          objectType: 'publication',
          objectId: publication.artefactId,
          details: {
            part: 'page',
            sensitivity: publication.sensitivity,
            listType: publication.listType,
            locationId: publication.locationId,
          },
        });
      }
      if (!allowed) return { kind: 'not-found' };
      if (publication.isFlatFile) return { kind: 'redirect', location: flatFileHref(publication.artefactId) };
      // A live case status update is for court screens (the live case feed): it has no page, as it is never listed.
      if (publication.type === 'LCSU') return { kind: 'not-found' };
      const lookup = publication.listType ? findListType(publication.listType) : null;
      const court = /^\d{1,9}$/.test(publication.locationId)
        ? await deps.courts.find(Number(publication.locationId))
        : null;
      const backHref = court ? `/courts/${court.locationId}` : null;
      if (lookup?.kind === 'unknown') {
        return downloadPage(publication.artefactId, request.language, null, backHref);
      }
      const read = await readPayloadOrUnavailable(deps.publications, publication, request, backHref);
      if (!read.ok) return read.page;
      const stored = read.payload;
      if (lookup === null) {
        // Judgments and outcomes, or a general publication, sent as JSON without a list type: its fields.
        const name = `${publicationTypeName(publication.type, request.language)} ${formatDate(publication.contentDate, request.language)}`;
        const fields = parsedFields(stored);
        if (fields === null) return downloadPage(publication.artefactId, request.language, name, backHref);
        const t = strings[request.language];
        return {
          kind: 'page',
          template: 'pages/list/publication.njk',
          title: name,
          context: {
            t,
            heading: name,
            courtName: court ? courtName(court, request.language) : null,
            fields: fields.map((field) => ({ ...field, label: field.label || t.heading })),
            backHref,
            downloadHref: `/api/publication/${publication.artefactId}/payload`,
          },
        };
      }
      const friendlyName = lookup.listType.friendlyName[request.language];
      let view: { template: string; context: Record<string, unknown> };
      try {
        const payload: unknown = JSON.parse(stored.toString('utf8').replace(/^\uFEFF/, ''));
        view = deps.listPageView({
          listType: lookup.listType,
          payload,
          language: request.language,
          contentDate: publication.contentDate,
          lastUpdated: publication.lastReceivedAt.toISOString(),
          court: court ? { name: court.name, welshName: court.welshName } : null,
          query: request.url.searchParams,
        });
      } catch {
        return downloadPage(publication.artefactId, request.language, friendlyName, backHref);
      }
      // The fragment's view model names the list (court and list type); the friendly name is the fallback.
      const title =
        typeof view.context.title === 'string' && view.context.title !== '' ? view.context.title : friendlyName;
      return {
        kind: 'page',
        template: 'pages/list/list.njk',
        title,
        context: {
          ...view.context,
          listTitle: title,
          listFragmentTemplate: view.template,
          backHref,
          // Issue 13: the PDF and workbook for signed-in readers, and what changed since the version before.
          ...(await listRenditionContext(deps.renditions, publication, request.principal, request.language)),
        },
      };
    },
  },
];
