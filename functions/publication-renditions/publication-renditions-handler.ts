/**
 * The publicationRenditions queue trigger (issue 13): for one stored version of a JSON list ({ artefactId,
 * blobName }, queued by blob-uploaded), makes its PDF and, for tabular and SJP lists, its Excel workbook
 * (shared/publications/renditions/list-files.ts), stores them beside the payload and records the version's cases
 * (shared/publications/renditions/rendition-store.ts), which "changes since" compares.
 *
 * Once per version: a message delivered again finds the version recorded and does nothing; a version no longer live
 * (superseded, removed, archived) or with nothing to render is passed over. Anything else that fails is thrown: the
 * host retries, then parks the message in publication-renditions-poison (docs/operations.md).
 */
import type { InvocationContext } from '@azure/functions';
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../../shared/db/database.js';
import { logEvent } from '../../shared/logging/log-event.js';
import { findListType } from '../../shared/publications/catalogue/list-types.js';
import { listCases } from '../../shared/publications/renditions/list-cases.js';
import { listDocument, listPdf, listWorkbook } from '../../shared/publications/renditions/list-files.js';
import { hasWorkbook } from '../../shared/publications/renditions/list-cases.js';
import {
  pdfContentType,
  renditionPdfBlobName,
  renditionWorkbookBlobName,
  workbookContentType,
} from '../../shared/publications/renditions/rendition-blobs.js';
import { renditionMessageSchema } from '../../shared/publications/renditions/rendition-message.js';
import { findRendition, recordRendition } from '../../shared/publications/renditions/rendition-store.js';
import { findLivePublication } from '../../shared/publications/store/publication-records.js';
import { getLocation } from '../../shared/reference-data/location-queries.js';
import { downloadIfPresent } from '../../shared/storage/read-blob.js';

export interface PublicationRenditionsDependencies {
  database: Database;
  publications: ContainerClient;
  now: () => Date;
}

export async function handlePublicationRendition(
  deps: PublicationRenditionsDependencies,
  message: unknown,
  context: InvocationContext,
): Promise<void> {
  const parsed = renditionMessageSchema.safeParse(message);
  if (!parsed.success) {
    logEvent(context, 'error', 'RENDITION_MESSAGE_INVALID', {
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    });
    return;
  }
  const { artefactId, blobName } = parsed.data;
  const about = { artefactId, blobName, dequeueCount: context.triggerMetadata?.dequeueCount };
  try {
    if (await findRendition(deps.database, blobName)) {
      logEvent(context, 'info', 'RENDITION_ALREADY_DONE', about);
      return;
    }
    const publication = await findLivePublication(deps.database, artefactId);
    const lookup = publication?.listType ? findListType(publication.listType) : null;
    if (!publication || publication.blobName !== blobName || publication.isFlatFile || lookup?.kind !== 'found') {
      logEvent(context, 'info', 'RENDITION_NOT_NEEDED', { ...about, reason: 'not a live JSON list version' });
      return;
    }
    const stored = await downloadIfPresent(deps.publications.getBlobClient(blobName));
    if (stored === null) {
      logEvent(context, 'info', 'RENDITION_NOT_NEEDED', { ...about, reason: 'payload gone' });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(stored.toString('utf8').replace(/^\uFEFF/, ''));
    } catch {
      logEvent(context, 'info', 'RENDITION_NOT_NEEDED', { ...about, reason: 'payload is not JSON' });
      return;
    }
    const court = /^\d{1,9}$/.test(publication.locationId)
      ? await getLocation(deps.database, Number(publication.locationId))
      : null;
    const started = Date.now();
    const document = listDocument({
      listType: lookup.listType,
      payload,
      language: publication.language,
      court,
      contentDate: publication.contentDate,
    });
    const [pdf, workbook] = await Promise.all([
      listPdf(document),
      hasWorkbook(lookup.listType) ? listWorkbook(document) : Promise.resolve(null),
    ]);
    const pdfBlob = renditionPdfBlobName(blobName);
    const workbookBlob = renditionWorkbookBlobName(blobName);
    await deps.publications.getBlockBlobClient(pdfBlob).uploadData(pdf, {
      blobHTTPHeaders: { blobContentType: pdfContentType },
    });
    if (workbook) {
      await deps.publications.getBlockBlobClient(workbookBlob).uploadData(workbook, {
        blobHTTPHeaders: { blobContentType: workbookContentType },
      });
    }
    const recorded = await recordRendition(deps.database, {
      blobName,
      artefactId,
      version: publication.supersededCount,
      pdf: { blobName: pdfBlob, size: pdf.length },
      workbook: workbook ? { blobName: workbookBlob, size: workbook.length } : null,
      cases: listCases(lookup.listType, payload),
      renderedAt: deps.now(),
    });
    logEvent(context, 'info', 'RENDITION_CREATED', {
      ...about,
      recorded,
      pdfBytes: pdf.length,
      workbookBytes: workbook?.length ?? null,
      ms: Date.now() - started,
    });
  } catch (error) {
    logEvent(context, 'warn', 'RENDITION_FAILED', { ...about, error: (error as Error).message });
    throw error;
  }
}
