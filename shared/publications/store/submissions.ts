/**
 * Submission rows: what a publisher follows at /api/publication/submissions/{id}. Either side may write first:
 * ingest-publication records the submission after its blob is stored, and the blob trigger (which can fire before
 * that) creates it from the blob's metadata if it is not there yet. So every write is an upsert, and a submission
 * that is already published or rejected is never set back to pending.
 */
import { auditEventColumns, auditEventValues, type AuditEvent, type Queryable } from '../../audit/audit-log.js';
import type { StoredPublication } from '../intake/stored-publication.js';

/** Records an accepted submission, with its audit event, in one statement. */
export async function recordSubmission(
  db: Queryable,
  publication: StoredPublication,
  audit: AuditEvent,
): Promise<void> {
  await db.query(
    `WITH recorded AS (
       INSERT INTO submission (submission_id, received_at, provenance, submitted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (submission_id) DO NOTHING
     )
     INSERT INTO audit_log (${auditEventColumns}) VALUES ($5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      publication.submissionId,
      publication.receivedAt,
      publication.provenance,
      publication.submittedBy,
      ...auditEventValues(audit),
    ],
  );
}

export async function markSubmissionPublished(
  db: Queryable,
  publication: StoredPublication,
  outcome: { artefactId: string; locationId: string; supersededCount: number },
): Promise<void> {
  await db.query(
    `INSERT INTO submission (submission_id, received_at, provenance, submitted_by, status, artefact_id, location_id,
       superseded_count, completed_at)
     VALUES ($1, $2, $3, $4, 'published', $5, $6, $7, now())
     ON CONFLICT (submission_id) DO UPDATE SET status = 'published', artefact_id = EXCLUDED.artefact_id,
       location_id = EXCLUDED.location_id, superseded_count = EXCLUDED.superseded_count,
       completed_at = coalesce(submission.completed_at, EXCLUDED.completed_at)`,
    [
      publication.submissionId,
      publication.receivedAt,
      publication.provenance,
      publication.submittedBy,
      outcome.artefactId,
      outcome.locationId,
      outcome.supersededCount,
    ],
  );
}

/** A stored payload that can never be published: the submitter sees why. A published submission stays published. */
export async function rejectSubmission(db: Queryable, publication: StoredPublication, reason: string): Promise<void> {
  await db.query(
    `INSERT INTO submission (submission_id, received_at, provenance, submitted_by, status, error, completed_at)
     VALUES ($1, $2, $3, $4, 'rejected', $5, now())
     ON CONFLICT (submission_id) DO UPDATE SET status = 'rejected', error = EXCLUDED.error, completed_at = now()
     WHERE submission.status = 'pending'`,
    [publication.submissionId, publication.receivedAt, publication.provenance, publication.submittedBy, reason],
  );
}

/**
 * Rejects a pending submission known only by its id (its blob's metadata cannot be read); answers whether there was
 * one. Nothing is created: without the metadata there is no submitter to show it to.
 */
export async function rejectSubmissionById(db: Queryable, submissionId: string, reason: string): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(submissionId)) return false;
  const result = (await db.query(
    `UPDATE submission SET status = 'rejected', error = $2, completed_at = now()
      WHERE submission_id = $1 AND status = 'pending'`,
    [submissionId, reason],
  )) as { rowCount?: number | null };
  return (result.rowCount ?? 0) > 0;
}

export interface SubmissionStatus {
  status: 'pending' | 'published' | 'rejected';
  artefactId: string | null;
  locationId: string | null;
  supersededCount: number | null;
  error: string | null;
  submittedBy: string;
}

/** A submission as its submitter follows it; null when there is none with this id. */
export async function findSubmission(db: Queryable, submissionId: string): Promise<SubmissionStatus | null> {
  const { rows } = (await db.query(
    'SELECT status, artefact_id, location_id, superseded_count, error, submitted_by FROM submission WHERE submission_id = $1',
    [submissionId],
  )) as {
    rows: {
      status: SubmissionStatus['status'];
      artefact_id: string | null;
      location_id: string | null;
      superseded_count: number | null;
      error: string | null;
      submitted_by: string;
    }[];
  };
  const [row] = rows;
  return row
    ? {
        status: row.status,
        artefactId: row.artefact_id,
        locationId: row.location_id,
        supersededCount: row.superseded_count,
        error: row.error,
        submittedBy: row.submitted_by,
      }
    : null;
}

/**
 * Claims up to `limit` submissions still pending that were received before `receivedBefore`, for the stranded
 * submission sweep, oldest first. A claim sets swept_at; a submission another sweep claimed after `claimedBefore` is
 * left to it, and one locked by a concurrent writer is skipped (SKIP LOCKED), so concurrent sweeps never take the same
 * submission. Publishing it stays idempotent however often it is claimed (persistPublication).
 */
export async function claimStrandedSubmissions(
  db: Queryable,
  claim: { receivedBefore: Date; claimedBefore: Date; at: Date; limit: number },
): Promise<{ submissionId: string; receivedAt: Date }[]> {
  const { rows } = (await db.query(
    `UPDATE submission s SET swept_at = $3
      WHERE s.submission_id IN (
        SELECT submission_id FROM submission
         WHERE status = 'pending' AND received_at < $1 AND (swept_at IS NULL OR swept_at < $2)
         ORDER BY received_at LIMIT $4
           FOR UPDATE SKIP LOCKED)
        AND s.status = 'pending'
      RETURNING s.submission_id, s.received_at`,
    [claim.receivedBefore, claim.claimedBefore, claim.at, claim.limit],
  )) as { rows: { submission_id: string; received_at: Date }[] };
  return rows
    .map((row) => ({ submissionId: row.submission_id, receivedAt: row.received_at }))
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}
