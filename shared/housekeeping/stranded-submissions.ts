/**
 * The stranded submission sweep: a submission still pending STRANDED_AFTER_MS after it was received was left by its
 * blob trigger (every attempt failed, e.g. the database away throughout, and the blob went to
 * `webjobs-blobtrigger-poison`; or the trigger never fired). Each is claimed by one sweep (claimStrandedSubmissions)
 * and finished:
 *
 * - its payload blob still there: published by the blob trigger's own code (publishStoredBlob), as the last attempt,
 *   so it ends published, or rejected with the reason the trigger would give;
 * - its blob gone: rejected, telling the publisher to send it again.
 *
 * Each outcome is logged with its own event (STRANDED_SUBMISSION_*), and the run is recorded in housekeeping_run with
 * the counts and the submission ids. Publishing stays idempotent if the trigger runs the same blob meanwhile: the
 * artefact is written once (persistPublication), and a rejection only ever changes a submission still pending.
 */
import { logEvent, type EventLogger } from '../logging/log-event.js';
import { publishStoredBlob, type PublishStoredBlobDependencies } from '../publications/publish-stored-blob.js';
import { claimStrandedSubmissions, findSubmission, rejectSubmissionById } from '../publications/store/submissions.js';
import { runHousekeeping, type HousekeepingRun } from './housekeeping-runs.js';

export interface StrandedSubmissionSweepDependencies extends PublishStoredBlobDependencies {
  now: () => Date;
}

/** A submission pending this long is stranded: the trigger's retries are long over (minutes, not a quarter hour). */
export const STRANDED_AFTER_MS = 15 * 60 * 1000;
/** A sweep's claim on a submission lasts this long; after it another sweep may take the submission over. */
export const SWEEP_CLAIM_MS = 15 * 60 * 1000;
/** At most this many submissions per run; the rest wait for the next run, oldest first. */
export const SWEEP_BATCH = 100;
/** How many submission ids the run record lists. */
const RECORDED_IDS = 50;

/** What the publisher reads when the payload was lost before it was published. */
export const BLOB_GONE_REASON =
  'The publication was received but its stored payload was lost before it could be published; send it again';

type SweepOutcome = 'published' | 'rejected' | 'blobGone' | 'stillPending' | 'finishedMeanwhile';

async function sweepOne(
  deps: StrandedSubmissionSweepDependencies,
  submissionId: string,
  receivedAt: Date,
  logger: EventLogger,
): Promise<SweepOutcome> {
  const fields = { submissionId, receivedAt: receivedAt.toISOString() };
  let blob: Buffer;
  try {
    blob = await deps.publications.getBlobClient(submissionId).downloadToBuffer();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    if (!(await rejectSubmissionById(deps.database, submissionId, BLOB_GONE_REASON))) return 'finishedMeanwhile';
    logEvent(logger, 'error', 'STRANDED_SUBMISSION_BLOB_GONE', fields);
    return 'blobGone';
  }
  // The last attempt: a transient error rejects it, as the trigger's last attempt does, rather than leave it pending.
  await publishStoredBlob(deps, blob, { blobName: submissionId, attemptsRemain: false, attempt: 1 }, logger);
  const after = await findSubmission(deps.database, submissionId);
  if (after?.status === 'published') {
    logEvent(logger, 'warn', 'STRANDED_SUBMISSION_PUBLISHED', { ...fields, artefactId: after.artefactId });
    return 'published';
  }
  if (after?.status === 'rejected') {
    logEvent(logger, 'warn', 'STRANDED_SUBMISSION_REJECTED', { ...fields, reason: after.error });
    return 'rejected';
  }
  logEvent(logger, 'error', 'STRANDED_SUBMISSION_STILL_PENDING', fields);
  return 'stillPending';
}

export function sweepStrandedSubmissions(
  deps: StrandedSubmissionSweepDependencies,
  logger: EventLogger,
): Promise<HousekeepingRun> {
  return runHousekeeping(deps.database, 'STRANDED_SUBMISSION_SWEEP', deps.now, async () => {
    const at = deps.now();
    const claimed = await claimStrandedSubmissions(deps.database, {
      receivedBefore: new Date(at.getTime() - STRANDED_AFTER_MS),
      claimedBefore: new Date(at.getTime() - SWEEP_CLAIM_MS),
      at,
      limit: SWEEP_BATCH,
    });
    if (claimed.length === 0) return { outcome: 'NOTHING_TO_DO', details: { claimed: 0 } };
    const counts: Record<SweepOutcome, number> = {
      published: 0,
      rejected: 0,
      blobGone: 0,
      stillPending: 0,
      finishedMeanwhile: 0,
    };
    for (const { submissionId, receivedAt } of claimed) {
      let outcome: SweepOutcome;
      try {
        outcome = await sweepOne(deps, submissionId, receivedAt, logger);
      } catch (error) {
        logEvent(logger, 'error', 'STRANDED_SUBMISSION_STILL_PENDING', {
          submissionId,
          receivedAt: receivedAt.toISOString(),
          error: error instanceof Error ? error.message : String(error),
        });
        outcome = 'stillPending';
      }
      counts[outcome] += 1;
    }
    return {
      // A submission the sweep could not finish makes the run FAILED, so the operator sees it; the next run retries.
      outcome: counts.stillPending > 0 ? 'FAILED' : 'DONE',
      details: {
        claimed: claimed.length,
        ...counts,
        submissionIds: claimed.slice(0, RECORDED_IDS).map((c) => c.submissionId),
      },
    };
  });
}
