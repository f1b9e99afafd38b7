/**
 * The last step of intake, whatever the way in (POST /api/publication, or court staff at /admin/manual-upload):
 * a publication every check has passed is written to Blob Storage with its metadata (an Excel workbook's converted
 * JSON with the workbook kept beside it), and its submission row and audit record are written in one round trip.
 * The blob trigger (blob-uploaded) publishes it from there. Nothing is left behind when the blob cannot be written.
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { Principal } from '../../auth/principal.js';
import type { Queryable } from '../../audit/audit-log.js';
import { logEvent, type EventLogger } from '../../logging/log-event.js';
import { recordSubmission } from '../store/submissions.js';
import type { PayloadAcceptance } from './accept-payload.js';
import { XLSX_CONTENT_TYPE } from './excel-workbook.js';
import type { PublicationMetadata } from './publication-headers.js';
import {
  encodeStoredPublication,
  ORIGINAL_OF_METADATA_KEY,
  originalWorkbookBlobName,
  type StoredPublication,
} from './stored-publication.js';

/** A publication every check has passed: what would be published, by whom, as received at `now`. */
export interface AcceptedPublication {
  principal: Principal;
  /** The headers' metadata, with the provenance as it is stored (MANUAL_UPLOAD in its one spelling). */
  metadata: PublicationMetadata;
  payload: PayloadAcceptance & { ok: true };
  now: Date;
  /**
   * The id to store it under, when the caller has one already: its idempotency key. A second store under the same
   * id finds the first one's blob and stores nothing more (the manual upload page's Confirm, sent twice). Without it,
   * a new id.
   */
  submissionId?: string;
}

export interface StorePublicationDependencies {
  database: Queryable;
  publications: ContainerClient;
  newId(): string;
}

export type StoredOutcome =
  | {
      ok: true;
      submissionId: string;
      stored: StoredPublication;
      /** True when an earlier store under the same submission id had stored it already: nothing was written. */
      alreadyStored: boolean;
    }
  | { ok: false; reason: 'STORAGE_UNAVAILABLE' };

/** Blob Storage's answer to a conditional write (`If-None-Match: *`) when the blob exists. */
function isAlreadyThere(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 409;
}

/**
 * Stores an accepted publication and records its submission, audited as PUBLICATION_UPLOAD by its principal;
 * `auditDetails` adds to the record's details (the portal says which file it was and how it came).
 */
export async function storeAcceptedPublication(
  deps: StorePublicationDependencies,
  accepted: AcceptedPublication,
  logger: EventLogger,
  auditDetails: Record<string, unknown> = {},
): Promise<StoredOutcome> {
  const { principal, metadata, payload, now } = accepted;
  const submissionId = accepted.submissionId ?? deps.newId();
  // With a caller's id, every write is conditional: the first store under the id writes, any other finds it there.
  const onlyIfNew = accepted.submissionId === undefined ? {} : { conditions: { ifNoneMatch: '*' } };
  const stored: StoredPublication = {
    ...metadata,
    submissionId,
    receivedAt: now.toISOString(),
    submittedBy: principal.userId,
    isFlatFile: payload.isFlatFile,
    contentType: payload.contentType,
    fileName: payload.fileName,
    payloadSize: payload.bytes.length,
    ...(payload.original
      ? {
          original: {
            blobName: originalWorkbookBlobName(submissionId),
            fileName: payload.original.fileName,
            size: payload.original.bytes.length,
          },
        }
      : {}),
  };
  const written = { workbook: false };
  try {
    // The workbook first: once the JSON blob exists it may be published at once, with its original already kept.
    if (stored.original && payload.original) {
      await deps.publications
        .getBlockBlobClient(stored.original.blobName)
        .uploadData(payload.original.bytes, {
          blobHTTPHeaders: {
            blobContentType: XLSX_CONTENT_TYPE,
            // safeFileName leaves no quote or path; a header value must also be ASCII.
            blobContentDisposition: `attachment; filename="${stored.original.fileName.replace(/[^\x20-\x7e]/g, '_')}"`,
          },
          metadata: { [ORIGINAL_OF_METADATA_KEY]: submissionId },
          ...onlyIfNew,
        })
        .then(() => {
          written.workbook = true;
        })
        .catch((error: unknown) => {
          if (accepted.submissionId === undefined || !isAlreadyThere(error)) throw error;
        });
    }
    await deps.publications.getBlockBlobClient(submissionId).uploadData(payload.bytes, {
      blobHTTPHeaders: { blobContentType: payload.contentType },
      metadata: encodeStoredPublication(stored),
      ...onlyIfNew,
    });
  } catch (error) {
    if (accepted.submissionId !== undefined && isAlreadyThere(error)) {
      // Stored already under this id, by an earlier call that records its submission itself.
      logEvent(logger, 'info', 'PUBLICATION_ALREADY_STORED', { submissionId });
      return { ok: true, submissionId, stored, alreadyStored: true };
    }
    // Nothing was stored, so there is nothing to follow: the caller sends it again.
    logEvent(logger, 'error', 'PUBLICATION_STORE_FAILED', { submissionId, error: (error as Error).message });
    if (stored.original && written.workbook) {
      await deps.publications
        .getBlobClient(stored.original.blobName)
        .deleteIfExists()
        .catch(() => undefined);
    }
    return { ok: false, reason: 'STORAGE_UNAVAILABLE' };
  }
  // The submission row and its audit record in one round trip. The blob trigger may already have created the row
  // (from the blob's metadata) and published it; then the row is left as it is.
  await recordSubmission(deps.database, stored, {
    action: 'PUBLICATION_UPLOAD',
    outcome: 'SUCCESS',
    actor: principal,
    objectType: 'submission',
    objectId: submissionId,
    details: {
      provenance: stored.provenance,
      type: stored.type,
      listType: stored.listType,
      courtId: stored.courtId,
      size: stored.payloadSize,
      ...(payload.original ? { workbook: payload.original.fileName, rows: payload.original.rows } : {}),
      ...auditDetails,
    },
  });
  logEvent(logger, 'info', 'PUBLICATION_ACCEPTED', {
    submissionId,
    provenance: stored.provenance,
    listType: stored.listType ?? stored.type,
  });
  return { ok: true, submissionId, stored, alreadyStored: false };
}
