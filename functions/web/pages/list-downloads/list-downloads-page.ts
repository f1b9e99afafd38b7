/**
 * A list's PDF and Excel workbook (issue 13), made by functions/publication-renditions: `/list/{id}/pdf` and
 * `/list/{id}/xlsx`, for signed-in readers only (an anonymous visitor is sent to sign in and back). The access rule
 * is the list page's (shared/publications/access/can-read-publication.ts): a list the reader may not see, or one
 * without the file, is the 404 page. Each download is audited as a data export (`LIST_DATA_EXPORT`, details: the
 * format, the list's sensitivity and list type), a refused one as DENIED.
 */
import { contentDisposition } from '../../../http-kit/content-disposition.js';
import { logEvent } from '../../../../shared/logging/log-event.js';
import { findListType } from '../../../../shared/publications/catalogue/list-types.js';
import { pdfContentType, workbookContentType } from '../../../../shared/publications/renditions/rendition-blobs.js';
import type { RenditionFormat } from '../../../../shared/publications/renditions/list-renditions.js';
import type { PageRoute } from '../../router.js';

export const listDataExportAction = 'LIST_DATA_EXPORT';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const contentTypes: Record<RenditionFormat, string> = { pdf: pdfContentType, xlsx: workbookContentType };

function downloadRoute(format: RenditionFormat): PageRoute {
  return {
    path: `/list/:artefactId/${format}`,
    methods: ['GET'],
    async handle(deps, request) {
      const artefactId = (request.params.artefactId ?? '').toLowerCase();
      if (!uuid.test(artefactId)) return { kind: 'not-found' };
      if (request.principal === null) {
        const returnTo = `/list/${artefactId}/${format}`;
        return { kind: 'redirect', location: `/sign-in?returnTo=${encodeURIComponent(returnTo)}` };
      }
      const publication = await deps.publications.find(artefactId);
      if (!publication || !deps.renditions) return { kind: 'not-found' };
      const allowed = deps.canRead(request.principal, publication, request.now);
      const details = { format, sensitivity: publication.sensitivity, listType: publication.listType };
      if (!allowed) {
        await deps.audit({
          action: listDataExportAction,
          outcome: 'DENIED',
          actor: request.principal,
          objectType: 'publication',
          objectId: publication.artefactId,
          details,
        });
        return { kind: 'not-found' };
      }
      const file = await deps.renditions.read(publication, format);
      if (file === null) return { kind: 'not-found' };
      await deps.audit({
        action: listDataExportAction,
        outcome: 'SUCCESS',
        actor: request.principal,
        objectType: 'publication',
        objectId: publication.artefactId,
        details,
      });
      logEvent(request.logger, 'info', 'RENDITION_DOWNLOAD', {
        artefactId: publication.artefactId,
        format,
        bytes: file.length,
      });
      const lookup = publication.listType ? findListType(publication.listType) : null;
      const name = lookup && lookup.kind !== 'unknown' ? lookup.listType.friendlyName[request.language] : 'list';
      return {
        kind: 'file',
        body: file,
        contentType: contentTypes[format],
        contentDisposition: contentDisposition(
          `${name} ${publication.contentDate.slice(0, 10)}.${format}`,
          contentTypes[format],
          { attachment: true },
        ),
        headers: { 'Cache-Control': 'private, no-store' },
      };
    },
  };
}

export const listDownloadRoutes: PageRoute[] = [downloadRoute('pdf'), downloadRoute('xlsx')];
