/**
 * Submission rows: what a publisher follows at /api/publication/submissions/{id}. The row is written first, before
 * the payload blob (storeAcceptedPublication), so the blob trigger always finds it: the trigger never creates one, and
 * publishes only a submission still pending (markSubmissionPublished). A blob whose submission was never recorded
 * (the publisher was told 503) or was withdrawn is refused, not published. A submission that is already published or
 * rejected is never set back to pending.
 */
import { auditEventColumns, auditEventValues, type AuditEvent, type Queryable } from '../../audit/audit-log.js';
import { groupedWrites, type GroupedWrites } from '../../db/grouped-writes.js';
import type { StoredPublication } from '../intake/stored-publication.js';

interface WriteResult {
  rowCount?: number | null;
}

interface SubmissionWrite {
  publication: StoredPublication;
  audit: AuditEvent;
}

/** The columns of one submission write, with the type each is cast to: the submission's, then its audit record's. */
const writtenColumns: readonly (readonly [name: string, type: string])[] = [
  ['submission_id', 'uuid'],
  ['received_at', 'timestamptz'],
  ['provenance', 'text'],
  ['submitted_by', 'text'],
  ...auditEventColumns
    .split(', ')
    .map((name) => [name, name === 'user_roles' ? 'text[]' : name === 'details' ? 'jsonb' : 'text'] as const),
];

/**
 * Writes submissions as pending with their audit events, however many, in one statement (a row of parameters each);
 * answers, in order, whether each was recorded (false when a submission with its id is recorded already).
 */
async function recordSubmissions(db: Queryable, writes: readonly SubmissionWrite[]): Promise<boolean[]> {
  const values: unknown[] = [];
  const rows = writes.map(({ publication, audit }) => {
    const row = [
      publication.submissionId,
      publication.receivedAt,
      publication.provenance,
      publication.submittedBy,
      ...auditEventValues(audit),
    ];
    const placeholders = row.map((value, column) => `$${values.push(value)}::${writtenColumns[column]?.[1] ?? 'text'}`);
    return `(${placeholders.join(', ')})`;
  });
  const { rows: recorded } = (await db.query(
    `WITH written (${writtenColumns.map(([name]) => name).join(', ')}) AS (VALUES ${rows.join(', ')}),
     recorded AS (
       INSERT INTO submission (submission_id, received_at, provenance, submitted_by)
       SELECT submission_id, received_at, provenance, submitted_by FROM written
       ON CONFLICT (submission_id) DO NOTHING
       RETURNING submission_id
     ), audited AS (
       INSERT INTO audit_log (${auditEventColumns})
       SELECT ${auditEventColumns} FROM written JOIN recorded USING (submission_id)
     )
     SELECT submission_id FROM recorded`,
    values,
  )) as { rows: { submission_id: string }[] };
  const ids = new Set(recorded.map((row) => row.submission_id.toLowerCase()));
  return writes.map(({ publication }) => ids.has(publication.submissionId.toLowerCase()));
}

/** One group commit of submission rows for each pool (or client) they are written with. */
const submissionWrites = new WeakMap<Queryable, GroupedWrites<SubmissionWrite, boolean>>();

/**
 * Records an accepted submission as pending, with its audit event, in one statement; answers false (and writes
 * nothing) when a submission with this id is recorded already (a caller's idempotency key sent twice). Submissions
 * recorded at the same moment share a statement (shared/db/grouped-writes.ts): under a burst of publications each
 * costs a share of one round trip; alone, one goes at once.
 */
export function recordSubmission(db: Queryable, publication: StoredPublication, audit: AuditEvent): Promise<boolean> {
  let writes = submissionWrites.get(db);
  if (writes === undefined) {
    writes = groupedWrites({
      writeAll: (items) => recordSubmissions(db, items),
      keyOf: (write) => write.publication.submissionId.toLowerCase(),
      maxBatch: 100,
      maxInFlight: 1,
      stalledAfterMs: 2_000,
    });
    submissionWrites.set(db, writes);
  }
  return writes.write({ publication, audit });
}

/** What became of a submission its caller withdrew (its blob could not be written). */
export type Withdrawal = 'withdrawn' | 'published' | 'rejected' | 'missing';

/**
 * Withdraws a submission still pending (its row deleted, `audit` recorded in the same statement), so that a blob
 * written after all (an upload that failed without an answer) is never published. When the blob trigger got there
 * first, the submission's status is answered instead and nothing is changed.
 */
export async function withdrawSubmission(db: Queryable, submissionId: string, audit: AuditEvent): Promise<Withdrawal> {
  const result = (await db.query(
    `WITH withdrawn AS (
       DELETE FROM submission WHERE submission_id = $1 AND status = 'pending' RETURNING submission_id
     )
     INSERT INTO audit_log (${auditEventColumns}) SELECT $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM withdrawn`,
    [submissionId, ...auditEventValues(audit)],
  )) as WriteResult;
  if ((result.rowCount ?? 0) > 0) return 'withdrawn';
  const found = await findSubmission(db, submissionId);
  return found === null ? 'missing' : found.status === 'pending' ? 'withdrawn' : found.status;
}

/** Why a submission could not be marked published: its status, when it is not one a publication may end. */
export type PublishConflict =
  { status: 'missing' } | { status: 'rejected' } | { status: 'published'; artefactId: string | null };

/**
 * Marks a pending submission published as `artefactId` (or confirms it, when the same blob is delivered again). Only
 * from those states: a submission that is not recorded (its publisher was told it failed), rejected, or published
 * as another artefact is left as it is, and the conflict answered, for the caller to roll its work back.
 */
export async function markSubmissionPublished(
  db: Queryable,
  publication: StoredPublication,
  outcome: { artefactId: string; locationId: string; supersededCount: number },
): Promise<{ ok: true } | { ok: false; conflict: PublishConflict }> {
  const result = (await db.query(
    `UPDATE submission SET status = 'published', artefact_id = $2, location_id = $3, superseded_count = $4,
       completed_at = coalesce(completed_at, now())
     WHERE submission_id = $1 AND (status = 'pending' OR (status = 'published' AND artefact_id = $2))`,
    [publication.submissionId, outcome.artefactId, outcome.locationId, outcome.supersededCount],
  )) as WriteResult;
  if ((result.rowCount ?? 0) > 0) return { ok: true };
  const found = await findSubmission(db, publication.submissionId);
  if (found === null) return { ok: false, conflict: { status: 'missing' } };
  if (found.status === 'published') {
    return { ok: false, conflict: { status: 'published', artefactId: found.artefactId } };
  }
  // Pending cannot fail the update above; rejected is what is left.
  return { ok: false, conflict: { status: 'rejected' } };
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
