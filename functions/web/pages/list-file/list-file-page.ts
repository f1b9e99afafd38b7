/**
 * A flat file (a PDF, Word or Excel upload) as the portal serves it: `/list/{id}/file`, the link of the court's page
 * and where `/list/{id}` sends a flat file. The reader is the session's (anonymous or signed in), so a signed-in
 * person reads the PRIVATE and CLASSIFIED files the one access rule (shared/publications/access/can-read-publication.ts)
 * lets them read, which the read API (bearer tokens only) could not give them from a browser. A file the reader may
 * not see is the 404 page, as one that does not exist.
 *
 * Restricted files (anything but PUBLIC) are audited as RESTRICTED_LIST_ACCESS (`part: "file"`), as the list page
 * and the read API do: a refusal before the 404, a success once the file has been read from storage (so a file that
 * could not be sent is never recorded as sent). A PDF opens inline, every other kind downloads (Content-Disposition
 * with the stored name); restricted files are `private, no-store` so no shared or browser cache keeps them, public
 * ones `no-cache`; the handler adds `nosniff` and a sandboxing CSP to every file.
 */
import { contentDisposition } from '../../../http-kit/content-disposition.js';
import type { PageRoute } from '../../router.js';
import { readPayloadOrUnavailable } from '../list-unavailable/list-unavailable-page.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where the portal links a flat file. */
export const flatFileHref = (artefactId: string): string => `/list/${artefactId}/file`;

export const listFileRoutes: PageRoute[] = [
  {
    path: '/list/:artefactId/file',
    methods: ['GET'],
    async handle(deps, request) {
      const artefactId = (request.params.artefactId ?? '').toLowerCase();
      if (!uuid.test(artefactId)) return { kind: 'not-found' };
      const publication = await deps.publications.find(artefactId);
      if (!publication || !publication.isFlatFile) return { kind: 'not-found' };
      const allowed = deps.canRead(request.principal, publication, request.now);
      const restricted = publication.sensitivity !== 'PUBLIC';
      const audit = (outcome: 'SUCCESS' | 'DENIED') =>
        deps.audit({
          action: 'RESTRICTED_LIST_ACCESS',
          outcome,
          actor: request.principal,
          objectType: 'publication',
          objectId: publication.artefactId,
          details: {
            part: 'file',
            sensitivity: publication.sensitivity,
            listType: publication.listType,
            locationId: publication.locationId,
            contentType: publication.contentType,
          },
        });
      if (!allowed) {
        if (restricted) await audit('DENIED');
        return { kind: 'not-found' };
      }
      const read = await readPayloadOrUnavailable(deps.publications, publication, request, null);
      if (!read.ok) return read.page;
      const stored = read.payload;
      if (restricted) await audit('SUCCESS');
      return {
        kind: 'file',
        body: new Uint8Array(stored.buffer, stored.byteOffset, stored.length),
        contentType: publication.contentType,
        contentDisposition: contentDisposition(
          publication.fileName ?? `publication-${publication.artefactId}`,
          publication.contentType,
        ),
        headers: {
          // Lower case, so that these replace the page defaults rather than sit beside them.
          'cache-control': restricted ? 'private, no-store' : 'no-cache',
          'x-content-type-options': 'nosniff',
        },
      };
    },
  },
];
