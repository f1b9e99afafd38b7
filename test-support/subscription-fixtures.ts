/** Rows for subscription tests: courts, artefacts as ingestion stores them, and subscriptions. Test code only. */
import type { Database } from '../shared/db/database.js';
import type { Language, Sensitivity } from '../shared/publications/publication.js';
import { insertPublicationRow, supersedePublicationRow, type PublicationRowType } from './publication-rows.js';
import type { SearchType } from '../shared/subscriptions/subscription-matching.js';

export interface TestArtefact {
  artefactId?: string;
  locationId?: string;
  type?: PublicationRowType;
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
  return insertPublicationRow(db, { locationId: '1501', ...a, displayTo: a.displayTo ?? null });
}

/** A re-sent list: ingestion updates the artefact in place with a new last_received_at. */
export async function supersedeArtefact(db: Database, artefactId: string, receivedAt: Date): Promise<void> {
  await supersedePublicationRow(db, artefactId, receivedAt);
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
