/**
 * Publication rows as ingestion stores them, written straight into `artefact` for tests that need a state the
 * ingestion path cannot reach quickly (a display window in the past, an archived row, a row at a NoMatch court).
 * The one place tests write `artefact`: a new column changes this file and shared/publications/store, nothing else.
 * Test code only.
 */
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import type { Database, DatabaseClient } from '../shared/db/database.js';
import type { Language, Sensitivity } from '../shared/publications/publication.js';

export type PublicationRowType = 'LIST' | 'JUDGEMENTS_AND_OUTCOMES' | 'GENERAL_PUBLICATION' | 'LCSU';

export interface PublicationRow {
  artefactId?: string;
  provenance?: string;
  type?: PublicationRowType;
  /** null for a publication that is not a list; CIVIL_DAILY_CAUSE_LIST for a LIST unless said. */
  listType?: string | null;
  locationId?: string;
  /** `YYYY-MM-DDTHH:mm:ss` (the day is taken from it); 2026-11-30T09:00:00 unless said. */
  contentDate?: string;
  language?: Language;
  sensitivity?: Sensitivity;
  /** A day before now unless said. */
  displayFrom?: Date | string;
  /** A day after now unless said; null for open-ended. */
  displayTo?: Date | string | null;
  isFlatFile?: boolean;
  contentType?: string;
  fileName?: string | null;
  payloadSize?: number;
  /** `publications/<artefact id>` unless said. */
  blobName?: string;
  submissionId?: string;
  /** When it arrived (first and last received); now unless said. */
  receivedAt?: Date | string;
  search?: { caseNumbers?: string[]; caseNames?: string[]; caseUrns?: string[]; partyNames?: string[] };
  archivedAt?: Date | string | null;
  /** A live case status's cases under reporting restrictions (none unless said). */
  restrictedCaseNumbers?: string[];
}

const dayMs = 86_400_000;

/** Inserts one artefact row and answers its id. */
export async function insertPublicationRow(db: Database | DatabaseClient, row: PublicationRow = {}): Promise<string> {
  const artefactId = row.artefactId ?? randomUUID();
  const type = row.type ?? 'LIST';
  const contentDate = row.contentDate ?? '2026-11-30T09:00:00';
  const now = Date.now();
  const receivedAt = row.receivedAt ?? new Date(now);
  await db.query(
    `INSERT INTO artefact (artefact_id, provenance, type, list_type, location_id, content_date, content_day, language,
       sensitivity, display_from, display_to, is_flat_file, content_type, file_name, payload_size, blob_name,
       submission_id, first_received_at, last_received_at, search, archived_at, restricted_case_numbers)
     VALUES ($1, $2, $3, $4, $5, $6::timestamp, $7::date, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19, $20,
       $21)`,
    [
      artefactId,
      row.provenance ?? 'MANUAL_UPLOAD',
      type,
      row.listType === undefined ? (type === 'LIST' ? 'CIVIL_DAILY_CAUSE_LIST' : null) : row.listType,
      row.locationId ?? '1',
      contentDate,
      contentDate.slice(0, 10),
      row.language ?? 'ENGLISH',
      row.sensitivity ?? 'PUBLIC',
      row.displayFrom ?? new Date(now - dayMs),
      row.displayTo === undefined ? new Date(now + dayMs) : row.displayTo,
      row.isFlatFile ?? false,
      row.contentType ?? 'application/json',
      row.fileName ?? null,
      row.payloadSize ?? 100,
      row.blobName ?? `publications/${artefactId}`,
      row.submissionId ?? randomUUID(),
      receivedAt,
      JSON.stringify({ caseNumbers: [], caseNames: [], caseUrns: [], partyNames: [], ...row.search }),
      row.archivedAt ?? null,
      row.restrictedCaseNumbers ?? [],
    ],
  );
  return artefactId;
}

/**
 * A live case status update as blob-uploaded keeps it: `body` as a blob of its own in `container`, and its LCSU row
 * (Common Platform's, PUBLIC, shown all of 30 November 2026 unless said). Answers the row's id and the blob's name.
 */
export async function insertLiveUpdate(
  db: Database | DatabaseClient,
  container: ContainerClient,
  body: Buffer,
  row: PublicationRow = {},
): Promise<{ artefactId: string; blobName: string }> {
  const blobName = randomUUID();
  await container.getBlockBlobClient(blobName).uploadData(body);
  const artefactId = await insertPublicationRow(db, {
    provenance: 'CRIME_CP',
    type: 'LCSU',
    displayFrom: '2026-11-30T00:00:00Z',
    displayTo: '2026-11-30T23:59:59Z',
    ...row,
    payloadSize: body.length,
    blobName,
  });
  return { artefactId, blobName };
}

/** A re-sent list: ingestion updates the artefact in place, with a new blob and submission when given. */
export async function supersedePublicationRow(
  db: Database | DatabaseClient,
  artefactId: string,
  receivedAt: Date,
  blobName?: string,
): Promise<void> {
  await db.query(
    `UPDATE artefact SET last_received_at = $2, superseded_count = superseded_count + 1, submission_id = $3,
       blob_name = coalesce($4, blob_name)
     WHERE artefact_id = $1`,
    [artefactId, receivedAt, randomUUID(), blobName ?? null],
  );
}

/** Archives a row as the archive timer does (without deleting its blob). */
export async function archivePublicationRow(
  db: Database | DatabaseClient,
  artefactId: string,
  at: Date | string = new Date(),
): Promise<void> {
  await db.query('UPDATE artefact SET archived_at = $2 WHERE artefact_id = $1', [artefactId, at]);
}
