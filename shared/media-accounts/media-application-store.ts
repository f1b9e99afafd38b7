/**
 * The `media_application` table's one owner: applications for a verified media account, from the public form to
 * the admin's decision. A second pending application for the same email is refused by a partial unique index, so
 * two forms sent at once cannot both get in; a decision is taken only from PENDING, so two admins deciding at once
 * cannot both win.
 */
import type { Database } from '../db/database.js';
import type { ProofOfIdContentType } from './proof-of-id.js';

export type MediaApplicationStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** The reasons an application may be rejected for: the live service's list (pip-frontend). */
export const rejectionReasons = ['notMedia', 'expired', 'noMatch'] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

export function isRejectionReason(value: string): value is RejectionReason {
  return (rejectionReasons as readonly string[]).includes(value);
}

export interface NewMediaApplication {
  applicationId: string;
  fullName: string;
  email: string;
  employer: string;
  imageBlobName: string;
  imageContentType: ProofOfIdContentType;
  imageSize: number;
  imageFileName: string | null;
  createdAt: Date;
}

/** A stored application: what the form gave, and what has happened to it since. */
export interface MediaApplication extends NewMediaApplication {
  /** Set once the proof of ID blob is deleted (after the decision). */
  imageDeletedAt: Date | null;
  status: MediaApplicationStatus;
  rejectionReasons: RejectionReason[];
  decidedAt: Date | null;
  decidedBy: { userId: string; email: string | null } | null;
  userId: string | null;
}

/** A row as the columns below name it: the application's own fields, but for the two that are made here. */
interface ApplicationRow extends Omit<MediaApplication, 'rejectionReasons' | 'decidedBy'> {
  rejectionReasons: string[];
  decidedByUserId: string | null;
  decidedByEmail: string | null;
}

const columns = `application_id AS "applicationId", full_name AS "fullName", email, employer,
  image_blob_name AS "imageBlobName", image_content_type AS "imageContentType", image_size AS "imageSize",
  image_file_name AS "imageFileName", image_deleted_at AS "imageDeletedAt", status,
  rejection_reasons AS "rejectionReasons", created_at AS "createdAt", decided_at AS "decidedAt",
  decided_by_user_id AS "decidedByUserId", decided_by_email AS "decidedByEmail", user_id AS "userId"`;

function applicationOf(row: ApplicationRow): MediaApplication {
  const { rejectionReasons, decidedByUserId, decidedByEmail, ...fields } = row;
  return {
    ...fields,
    rejectionReasons: rejectionReasons.filter(isRejectionReason),
    decidedBy: decidedByUserId === null ? null : { userId: decidedByUserId, email: decidedByEmail },
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isApplicationId(value: string): boolean {
  return uuidPattern.test(value);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export type InsertApplicationResult = { ok: true; application: MediaApplication } | { ok: false; reason: 'DUPLICATE' };

export async function insertMediaApplication(
  db: Database,
  application: NewMediaApplication,
): Promise<InsertApplicationResult> {
  try {
    const { rows } = await db.query<ApplicationRow>(
      `INSERT INTO media_application (application_id, full_name, email, employer, image_blob_name, image_content_type,
         image_size, image_file_name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING ${columns}`,
      [
        application.applicationId,
        application.fullName,
        application.email,
        application.employer,
        application.imageBlobName,
        application.imageContentType,
        application.imageSize,
        application.imageFileName,
        application.createdAt,
      ],
    );
    const row = rows[0];
    if (row === undefined) throw new Error('insert into media_application returned no row');
    return { ok: true, application: applicationOf(row) };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'DUPLICATE' };
    throw error;
  }
}

/** True when the email (any case) already has an application waiting for a decision. */
export async function hasPendingApplication(db: Database, email: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM media_application WHERE lower(email) = lower($1) AND status = 'PENDING' LIMIT 1`,
    [email],
  );
  return rows.length > 0;
}

/** How many applications arrived at or after `since` (the form's rate limit). */
export async function countApplicationsSince(db: Database, since: Date): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM media_application WHERE created_at >= $1`,
    [since],
  );
  return rows[0]?.count ?? 0;
}

/** Applications waiting for a decision, oldest first (the order they should be dealt with). */
export async function listPendingApplications(db: Database, limit = 500): Promise<MediaApplication[]> {
  const { rows } = await db.query<ApplicationRow>(
    `SELECT ${columns} FROM media_application WHERE status = 'PENDING' ORDER BY created_at, application_id LIMIT $1`,
    [limit],
  );
  return rows.map(applicationOf);
}

export async function findMediaApplication(db: Database, applicationId: string): Promise<MediaApplication | null> {
  if (!isApplicationId(applicationId)) return null;
  const { rows } = await db.query<ApplicationRow>(
    `SELECT ${columns} FROM media_application WHERE application_id = $1`,
    [applicationId],
  );
  return rows[0] === undefined ? null : applicationOf(rows[0]);
}

export interface Decision {
  status: 'APPROVED' | 'REJECTED';
  reasons: readonly RejectionReason[];
  decidedAt: Date;
  decidedBy: { userId: string; email: string | null };
  userId: string | null;
}

/**
 * Records the decision on a PENDING application; null when it is not pending any more (decided by someone else in
 * the meantime) or does not exist.
 */
export async function decideMediaApplication(
  db: Database,
  applicationId: string,
  decision: Decision,
): Promise<MediaApplication | null> {
  if (!isApplicationId(applicationId)) return null;
  const { rows } = await db.query<ApplicationRow>(
    `UPDATE media_application
        SET status = $2, rejection_reasons = $3, decided_at = $4, decided_by_user_id = $5, decided_by_email = $6,
            user_id = $7
      WHERE application_id = $1 AND status = 'PENDING'
      RETURNING ${columns}`,
    [
      applicationId,
      decision.status,
      [...decision.reasons],
      decision.decidedAt,
      decision.decidedBy.userId,
      decision.decidedBy.email,
      decision.userId,
    ],
  );
  return rows[0] === undefined ? null : applicationOf(rows[0]);
}

/** Records that the proof of ID blob of a decided application is gone. */
export async function markProofOfIdDeleted(db: Database, applicationId: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE media_application SET image_deleted_at = $2
      WHERE application_id = $1 AND status <> 'PENDING' AND image_deleted_at IS NULL`,
    [applicationId, at],
  );
}
