/**
 * A list publication: the artefact is loaded (404 unless the reader, anonymous or signed in, may see it now; the same
 * 404 as a publication that does not exist), its payload read from Blob Storage and handed to the list renderings
 * (functions/web/lists/), whose content-only fragment is included in the layout. Reads of PRIVATE, CLASSIFIED and
 * INTERNAL lists, allowed or not, are audited as RESTRICTED_LIST_ACCESS, as the read API does. Flat files are served
 * by the API (`/api/publication/{id}/file`): a PDF opens inline, others download. A publication whose payload is
 * gone (its blob deleted or superseded meanwhile, or lost by storage) answers 404 "no longer available", logged as
 * the error LIST_PAYLOAD_MISSING with its artefact id; never the 500 page.
 */
import { findListType } from '../../../../shared/publications/list-types.js';
import type { PageRoute } from '../../router.js';
import { listUnavailablePage } from '../list-unavailable/list-unavailable-page.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class UnreadablePublicationError extends Error {}

/** Stable log event codes. */
export const listPageEvents = {
  payloadMissing: 'LIST_PAYLOAD_MISSING',
} as const;

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
      if (publication.isFlatFile)
        return { kind: 'redirect', location: `/api/publication/${publication.artefactId}/file` };
      const lookup = publication.listType ? findListType(publication.listType) : null;
      if (!lookup || lookup.kind === 'unknown') {
        throw new UnreadablePublicationError(
          `Publication ${publication.artefactId} has no known list type (${publication.listType ?? 'none'})`,
        );
      }
      const stored = await deps.publications.readPayload(publication);
      const court = /^\d{1,9}$/.test(publication.locationId)
        ? await deps.courts.find(Number(publication.locationId))
        : null;
      if (stored === null) {
        request.log('error', {
          event: listPageEvents.payloadMissing,
          artefactId: publication.artefactId,
          blobName: publication.blobName,
          locationId: publication.locationId,
        });
        return listUnavailablePage(request.language, court ? `/courts/${court.locationId}` : null);
      }
      const payload: unknown = JSON.parse(stored.toString('utf8').replace(/^\uFEFF/, ''));
      const view = deps.listPageView({
        listType: lookup.listType,
        payload,
        language: request.language,
        contentDate: publication.contentDate,
        lastUpdated: publication.lastReceivedAt.toISOString(),
        court: court ? { name: court.name, welshName: court.welshName } : null,
        query: request.url.searchParams,
      });
      // The fragment's view model names the list (court and list type); the friendly name is the fallback.
      const title =
        typeof view.context.title === 'string' && view.context.title !== ''
          ? view.context.title
          : lookup.listType.friendlyName[request.language];
      return {
        kind: 'page',
        template: 'pages/list/list.njk',
        title,
        context: {
          ...view.context,
          listTitle: title,
          listFragmentTemplate: view.template,
          backHref: court ? `/courts/${court.locationId}` : null,
        },
      };
    },
  },
];
