/** Rows for subscription tests: courts, artefacts as ingestion stores them, and subscriptions. Test code only. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../shared/db/database.js';
import type { Language, Sensitivity } from '../shared/publications/publication.js';
import type { SearchType } from '../shared/subscriptions/subscription-matching.js';

export interface TestArtefact {
  artefactId?: string;
  locationId?: string;
  type?: string;
  listType?: string | null;
  sensitivity?: Sensitivity;
  contentDate?: string;
  language?: Language;
  displayFrom: Date;
  displayTo?: Date | null;
  receivedAt: Date;
  search?: { caseNumbers?: string[]; caseNames?: string[]; caseUrns?: string[]; partyNames?: string[] };
  archivedAt?: Date | null;
}

export async function insertCourt(db: Database, locationId: number, name: string): Promise<void> {
  await db.query('INSERT INTO court (location_id, name) VALUES ($1, $2) ON CONFLICT (location_id) DO NOTHING', [
    locationId,
    name,
  ]);
}

export async function insertArtefact(db: Database, a: TestArtefact): Promise<string> {
  const artefactId = a.artefactId ?? randomUUID();
  const contentDate = a.contentDate ?? '2026-11-30T09:00:00';
  await db.query(
    `INSERT INTO artefact (artefact_id, provenance, type, list_type, location_id, content_date, content_day, language,
       sensitivity, display_from, display_to, is_flat_file, content_type, payload_size, blob_name, submission_id,
       first_received_at, last_received_at, search, archived_at)
     VALUES ($1, 'MANUAL_UPLOAD', $2, $3, $4, $5, $6, $7, $8, $9, $10, false, 'application/json', 100, $15, $11, $12, $12, $13, $14)`,
    [
      artefactId,
      a.type ?? 'LIST',
      a.listType === undefined ? 'CIVIL_DAILY_CAUSE_LIST' : a.listType,
      a.locationId ?? '1501',
      contentDate,
      contentDate.slice(0, 10),
      a.language ?? 'ENGLISH',
      a.sensitivity ?? 'PUBLIC',
      a.displayFrom,
      a.displayTo ?? null,
      randomUUID(),
      a.receivedAt,
      JSON.stringify({ caseNumbers: [], caseNames: [], caseUrns: [], partyNames: [], ...a.search }),
      a.archivedAt ?? null,
      `publications/${artefactId}`,
    ],
  );
  return artefactId;
}

/** A re-sent list: ingestion updates the artefact in place with a new last_received_at. */
export async function supersedeArtefact(db: Database, artefactId: string, receivedAt: Date): Promise<void> {
  await db.query(
    'UPDATE artefact SET last_received_at = $2, superseded_count = superseded_count + 1, submission_id = $3 WHERE artefact_id = $1',
    [artefactId, receivedAt, randomUUID()],
  );
}

export async function insertSubscription(
  db: Database,
  s: { userId: string; email: string; searchType: SearchType; searchValue: string },
): Promise<string> {
  const { rows } = await db.query<{ subscription_id: string }>(
    `INSERT INTO subscription (user_id, user_email, search_type, search_value) VALUES ($1, $2, $3, $4) RETURNING subscription_id`,
    [s.userId, s.email, s.searchType, s.searchValue],
  );
  return rows[0]?.subscription_id ?? '';
}
