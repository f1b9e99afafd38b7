/**
 * Publishing a stored payload blob: it becomes a published artefact, or its submission is marked rejected with a
 * reason. Run by the blob trigger (functions/blob-uploaded) for each blob written, and by the stranded submission
 * sweep (shared/housekeeping/stranded-submissions.ts) for a submission left pending, so both publish the same way.
 * A submission is never left pending by a failure here:
 *
 * - A payload that can never be published (not what was received, not valid JSON by the same parse the acceptance
 *   used) is rejected at once, and the function returns.
 * - Any other error is permanent unless it is one a retry can fix (database or storage unreachable, overloaded or
 *   restarting, a serialization failure; see `isTransient`): a permanent error rejects the submission at once.
 * - A transient error is thrown while the caller says it will run the blob again (`attemptsRemain`). On the last
 *   attempt it rejects the submission.
 * - Only when the rejection itself cannot be written (the database is down) is the error thrown regardless.
 * - A blob whose submission is not pending (never recorded because the publisher was told 503, withdrawn, rejected)
 *   is not published: PUBLICATION_SUBMISSION_CONFLICT is logged and the blob left for an operator.
 */
import { flatFileContentTypes } from './intake/flat-file.js';
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../db/database.js';
import { parseJsonPayload } from './intake/json-payload.js';
import { persistPublication } from './store/persist-publication.js';
import type { Publication } from './publication.js';
import { rejectSubmission, rejectSubmissionById } from './store/submissions.js';
import type { SearchTerms } from './intake/search-terms.js';
import { searchTermsFor } from './intake/search-terms-for.js';
import { findListType } from './catalogue/list-types.js';
import { liveCaseStatusSchema } from './catalogue/live-case-status.js';
import { restrictedCasesAfter } from '../court-screens/reporting-restrictions.js';
import {
  decodeStoredPublication,
  isOriginalWorkbookBlobName,
  type StoredPublication,
} from './intake/stored-publication.js';
import { mapProvenanceCourtId } from '../reference-data/provenance-lookup.js';
import { logEvent, type EventLogger } from '../logging/log-event.js';
import { isTransient } from '../errors/transient-error.js';
import { deletePublicationBlobs } from './publication-blobs.js';
import { isRenditionBlobName } from './renditions/rendition-blobs.js';
import { renditionMessage, type RenditionQueue } from './renditions/rendition-message.js';
import type { PushAnnouncer } from '../third-parties/push-delivery.js';

export interface PublishStoredBlobDependencies {
  database: Database;
  publications: ContainerClient;
  /** Stores the artefact: `persistPublication` unless a test injects a failure. */
  persist?: typeof persistPublication;
  /** The publication-renditions queue: a JSON list's stored version is queued for its PDF (issue 13). */
  renditions?: RenditionQueue;
  /** Pushes a published or updated list to the third parties subscribed to its list type (issue 15). */
  pushes?: PushAnnouncer;
}

const emptySearch: SearchTerms = { caseNumbers: [], caseNames: [], caseUrns: [], partyNames: [] };

/** One delivery of a stored blob to publish. */
export interface StoredBlobDelivery {
  /** The blob's name in the publications container (a publication's is its submission id). */
  blobName: string;
  /** The blob's metadata as the trigger delivered it: read when the blob's own properties cannot be. */
  deliveredMetadata?: Record<string, string> | undefined;
  /** True when the caller runs this blob again if this attempt throws (a host retry remains). */
  attemptsRemain: boolean;
  /** This attempt's number, from 1 (for the retry log). */
  attempt: number;
}

/** The event each persist outcome is logged as. */
const outcomeEvents = {
  created: 'PUBLICATION_CREATED',
  superseded: 'PUBLICATION_SUPERSEDED',
  redelivered: 'PUBLICATION_REDELIVERED',
  stale: 'PUBLICATION_STALE',
} as const;

export async function publishStoredBlob(
  deps: PublishStoredBlobDependencies,
  blob: Buffer,
  delivery: StoredBlobDelivery,
  context: EventLogger,
): Promise<void> {
  const { blobName } = delivery;
  if (isRenditionBlobName(blobName)) {
    // A list's PDF or workbook, made by publication-renditions beside the payload.
    logEvent(context, 'debug', 'PUBLICATION_ORIGINAL_SKIPPED', { blobName });
    return;
  }
  if (isOriginalWorkbookBlobName(blobName)) {
    // A workbook kept beside the JSON converted from it: the JSON blob is the publication.
    logEvent(context, 'debug', 'PUBLICATION_ORIGINAL_SKIPPED', { blobName });
    return;
  }
  const blobClient = deps.publications.getBlobClient(blobName);
  let metadata: Record<string, string> | undefined;
  try {
    metadata = (await blobClient.getProperties()).metadata;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      logEvent(context, 'info', 'PUBLICATION_BLOB_GONE', { blobName });
      return;
    }
    // The trigger delivered the metadata too: on the last attempt, reject from it rather than leave it pending.
    const delivered = decodeStoredPublication(delivery.deliveredMetadata);
    if (!delivered.ok || (isTransient(error) && delivery.attemptsRemain)) throw error;
    await failed(deps, delivered.publication, error, context);
    return;
  }
  const decoded = decodeStoredPublication(metadata);
  if (!decoded.ok) {
    // Nothing can make it publishable. Blobs are named by submission id: a submission waiting on it is rejected.
    const rejected = await rejectSubmissionById(
      deps.database,
      blobName,
      'The stored publication could not be read; send it again',
    );
    logEvent(context, 'error', 'PUBLICATION_BLOB_UNREADABLE', {
      blobName,
      submissionRejected: rejected,
      problem: decoded.problem,
    });
    return;
  }
  const publication = decoded.publication;
  try {
    await publish(deps, blob, blobName, publication, context);
  } catch (error) {
    if (isTransient(error) && delivery.attemptsRemain) {
      logEvent(context, 'warn', 'PUBLICATION_RETRY', {
        submissionId: publication.submissionId,
        attempt: delivery.attempt,
        error: (error as Error).message,
      });
      throw error;
    }
    await failed(deps, publication, error, context);
  }
}

/** The last word on a publication that could not be stored: its submission is rejected with a reason. */
async function failed(
  deps: PublishStoredBlobDependencies,
  publication: StoredPublication,
  error: unknown,
  context: EventLogger,
): Promise<void> {
  const transient = isTransient(error);
  // The reason is shown to the publisher: no internals, only what to do.
  const reason = transient
    ? 'The publication could not be stored because a service was unavailable; send it again'
    : 'The publication could not be stored; send it again, and report it if it fails again';
  await rejectSubmission(deps.database, publication, reason);
  logEvent(context, 'error', 'PUBLICATION_REJECTED_ON_ERROR', {
    submissionId: publication.submissionId,
    transient,
    error: (error as Error).message,
  });
}

async function publish(
  deps: PublishStoredBlobDependencies,
  blob: Buffer,
  blobName: string,
  publication: StoredPublication,
  context: EventLogger,
): Promise<void> {
  if (blob.length !== publication.payloadSize) {
    await rejectSubmission(deps.database, publication, 'The stored payload is not the one received');
    logEvent(context, 'error', 'PUBLICATION_BLOB_SIZE_MISMATCH', {
      submissionId: publication.submissionId,
      expected: publication.payloadSize,
      actual: blob.length,
    });
    return;
  }
  if (publication.isFlatFile && !Object.values<string>(flatFileContentTypes).includes(publication.contentType)) {
    // Served back with this content type: only the flat-file types ingestion sniffs may be (issue 18).
    await rejectSubmission(deps.database, publication, 'The stored file is not of a type a flat file may be');
    logEvent(context, 'error', 'PUBLICATION_BLOB_CONTENT_TYPE_REFUSED', {
      submissionId: publication.submissionId,
      contentType: publication.contentType.slice(0, 100),
    });
    return;
  }
  let search = emptySearch;
  let restrictedCases: ((held: readonly string[]) => string[]) | undefined;
  if (!publication.isFlatFile) {
    // Exactly the parse that accepted it (BOM, depth, strings), so what was accepted is published.
    const parsed = parseJsonPayload(blob);
    if (!parsed.ok) {
      const first = parsed.details[0];
      await rejectSubmission(
        deps.database,
        publication,
        `The stored payload is not valid JSON: ${first ? `${first.field} ${first.problem}` : parsed.message}`,
      );
      logEvent(context, 'error', 'PUBLICATION_BLOB_NOT_JSON', {
        submissionId: publication.submissionId,
        problem: parsed.message,
      });
      return;
    }
    // By its list type: a tabular list's columns are read through its table; an unknown one is walked.
    const lookup = publication.listType === null ? null : findListType(publication.listType);
    search = searchTermsFor(lookup === null || lookup.kind === 'unknown' ? null : lookup.listType, parsed.value);
    if (publication.type === 'LCSU') {
      // Which cases are under reporting restrictions, carried forward from the status this one replaces. Intake
      // validated the update; one that no longer fits the schema changes nothing (what was restricted stays so).
      const live = liveCaseStatusSchema.safeParse(parsed.value);
      restrictedCases = (held) => (live.success ? restrictedCasesAfter(held, live.data) : [...held]);
    }
  }
  const match = await mapProvenanceCourtId(deps.database, publication.provenance, publication.courtId);
  const locationId = match.matched ? String(match.locationId) : match.noMatchId;
  const published = (artefactId: string, supersededCount: number): Publication => ({
    artefactId,
    locationId,
    provenance: publication.provenance,
    sourceArtefactId: publication.sourceArtefactId,
    type: publication.type,
    listType: publication.listType,
    contentDate: publication.contentDate,
    language: publication.language,
    sensitivity: publication.sensitivity,
    displayFrom: new Date(publication.displayFrom),
    displayTo: publication.displayTo === null ? null : new Date(publication.displayTo),
    isFlatFile: publication.isFlatFile,
    contentType: publication.contentType,
    fileName: publication.fileName,
    payloadSize: publication.payloadSize,
    blobName,
    supersededCount,
    lastReceivedAt: new Date(publication.receivedAt),
  });
  // The third-party pushes are recorded in the transaction that publishes the version (an outbox), and queued after.
  let pushIds: string[] = [];
  const pushes = deps.pushes;
  const outcome = await (deps.persist ?? persistPublication)(deps.database, {
    publication,
    blobName,
    locationId,
    search,
    newArtefactId: randomUUID,
    ...(restrictedCases === undefined ? {} : { restrictedCases }),
    ...(pushes === undefined
      ? {}
      : {
          withinTransaction: async (client, written) => {
            pushIds =
              written.kind === 'created' || written.kind === 'superseded'
                ? await pushes.plan(
                    client,
                    written.kind === 'created' ? 'PUBLISHED' : 'UPDATED',
                    published(written.artefactId, written.supersededCount),
                    blob,
                  )
                : [];
          },
        }),
  });
  if (outcome.kind === 'refused') {
    // Its publisher was told it failed (never recorded, withdrawn), or it was rejected: the blob stays where it is,
    // for an operator (docs/operations.md), and nothing is published.
    logEvent(context, 'error', 'PUBLICATION_SUBMISSION_CONFLICT', {
      submissionId: publication.submissionId,
      blobName,
      submissionStatus: outcome.conflict.status,
      ...(outcome.conflict.status === 'published' ? { publishedAs: outcome.conflict.artefactId } : {}),
    });
    return;
  }
  if (outcome.blobToDelete !== null) {
    try {
      await deletePublicationBlobs(deps.publications, outcome.blobToDelete);
    } catch (error) {
      logEvent(context, 'error', 'PUBLICATION_OLD_BLOB_DELETE_FAILED', {
        blobName: outcome.blobToDelete,
        error: (error as Error).message,
      });
    }
  }
  logEvent(context, 'info', outcomeEvents[outcome.kind], {
    artefactId: outcome.artefactId,
    submissionId: publication.submissionId,
    locationId,
    superseded: outcome.supersededCount,
    type: publication.type,
    listType: publication.listType,
    provenance: publication.provenance,
  });
  if (pushes !== undefined) await pushes.dispatch(pushIds, context);
  if (outcome.kind !== 'stale' && !publication.isFlatFile && publication.listType !== null && deps.renditions) {
    await queueRendition(deps.renditions, outcome.artefactId, blobName, context);
  }
}

/**
 * Queues the version for its renditions (a redelivered blob queues it again: the rendition step does it once). The
 * publication is stored whatever happens here: a failure is logged, not retried, and the list has no PDF.
 */
async function queueRendition(
  queue: RenditionQueue,
  artefactId: string,
  blobName: string,
  context: EventLogger,
): Promise<void> {
  try {
    await queue.sendMessage(renditionMessage({ artefactId, blobName }));
    logEvent(context, 'debug', 'RENDITION_QUEUED', { artefactId, blobName });
  } catch (error) {
    logEvent(context, 'error', 'RENDITION_QUEUE_FAILED', { artefactId, blobName, error: (error as Error).message });
  }
}
