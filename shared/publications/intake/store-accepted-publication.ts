/**
 * The last step of intake, whatever the way in (POST /api/publication, or court staff at /admin/manual-upload):
 * a publication every check has passed has its submission row and audit record written in one round trip, then is
 * written to Blob Storage with its metadata (an Excel workbook's converted JSON with the workbook kept beside it). The
 * blob trigger (blob-uploaded) publishes it from there, and only while its submission is pending.
 *
 * The row comes first so that what the publisher is told is what happens: when the row cannot be written (the
 * database away), nothing is stored and the caller answers 503; when the blob cannot be written, the submission is
 * withdrawn, so a blob that was written after all (an upload that failed without an answer) is refused by the trigger
 * rather than published. Do not write the two in parallel: the trigger would then meet blobs before their rows.
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { Principal } from '../../auth/principal.js';
import type { Queryable } from '../../audit/audit-log.js';
import { logEvent, type EventLogger } from '../../logging/log-event.js';
import { recordSubmission, withdrawSubmission } from '../store/submissions.js';
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
  // The submission row and its audit record in one round trip, before anything is stored. Under a caller's id sent
  // again, the row is there already (recorded false): the conditional writes below find the blob stored, or store it.
  const recorded = await recordSubmission(deps.database, stored, {
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
      // Stored already under this id, by an earlier call that recorded its submission too.
      logEvent(logger, 'info', 'PUBLICATION_ALREADY_STORED', { submissionId });
      return { ok: true, submissionId, stored, alreadyStored: true };
    }
    logEvent(logger, 'error', 'PUBLICATION_STORE_FAILED', { submissionId, error: (error as Error).message });
    if (!recorded) return { ok: false, reason: 'STORAGE_UNAVAILABLE' }; // An earlier call's submission: its own.
    return withdraw(deps, stored, principal, written.workbook, logger);
  }
  logEvent(logger, 'info', 'PUBLICATION_ACCEPTED', {
    submissionId,
    provenance: stored.provenance,
    listType: stored.listType ?? stored.type,
  });
  return { ok: true, submissionId, stored, alreadyStored: false };
}

/**
 * The blob could not be written (or no answer said it was): the submission is withdrawn, so that the trigger refuses
 * the blob should it exist after all, and the blobs are then removed. If the trigger published it first, it is stored
 * and the caller is told so. If the withdrawal cannot be written (the database away too), the submission stays
 * pending and the stranded submission sweep ends it: rejected when the blob is not there.
 */
async function withdraw(
  deps: StorePublicationDependencies,
  stored: StoredPublication,
  principal: Principal,
  workbookWritten: boolean,
  logger: EventLogger,
): Promise<StoredOutcome> {
  const { submissionId } = stored;
  let withdrawal;
  try {
    withdrawal = await withdrawSubmission(deps.database, submissionId, {
      action: 'PUBLICATION_UPLOAD',
      outcome: 'FAILURE',
      actor: principal,
      objectType: 'submission',
      objectId: submissionId,
      details: { reason: 'STORAGE_UNAVAILABLE', provenance: stored.provenance },
    });
  } catch {
    return { ok: false, reason: 'STORAGE_UNAVAILABLE' };
  }
  if (withdrawal === 'published') return { ok: true, submissionId, stored, alreadyStored: false };
  logEvent(logger, 'warn', 'PUBLICATION_SUBMISSION_WITHDRAWN', { submissionId, withdrawal });
  const names = [submissionId, ...(stored.original && workbookWritten ? [stored.original.blobName] : [])];
  await Promise.all(
    names.map((name) =>
      deps.publications
        .getBlobClient(name)
        .deleteIfExists()
        .catch(() => undefined),
    ),
  );
  return { ok: false, reason: 'STORAGE_UNAVAILABLE' };
}
