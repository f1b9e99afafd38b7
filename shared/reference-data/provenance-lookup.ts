/**
 * Maps the court id a publisher sends (`x-provenance`, `x-court-id`) to our court, through court_reference.
 * An unknown pair keeps the publisher's id as NoMatch<id> (LLD 3.5.1.5), so the publication is still stored and
 * listed for administrators. A pair that the reference data gives to several courts is not guessed at either: a
 * list published against the wrong court is worse than one waiting for an administrator.
 */
import type { Queryable } from '../audit/audit-log.js';

export type NoMatchId = `NoMatch${string}`;

export type LocationMatch =
  | { matched: true; locationId: number }
  | {
      matched: false;
      /** What the publication is stored against. */
      noMatchId: NoMatchId;
      reason: 'UNKNOWN_REFERENCE' | 'AMBIGUOUS_REFERENCE';
      /** The courts sharing an ambiguous reference (empty for an unknown one). */
      candidates: number[];
    };

export function noMatchIdFor(courtId: string): NoMatchId {
  return `NoMatch${courtId.trim()}`;
}

/** Matches provenance case-insensitively (publishers and reference files spell it differently) and the id exactly. */
export async function mapProvenanceCourtId(db: Queryable, provenance: string, courtId: string): Promise<LocationMatch> {
  const id = courtId.trim();
  const result = (await db.query(
    `SELECT DISTINCT location_id FROM court_reference
      WHERE lower(provenance) = lower($1) AND provenance_location_id = $2
      ORDER BY location_id`,
    [provenance.trim(), id],
  )) as { rows: { location_id: number }[] };
  const locations = result.rows.map((row) => row.location_id);
  const [only] = locations;
  if (only !== undefined && locations.length === 1) return { matched: true, locationId: only };
  return {
    matched: false,
    noMatchId: noMatchIdFor(id),
    reason: locations.length === 0 ? 'UNKNOWN_REFERENCE' : 'AMBIGUOUS_REFERENCE',
    candidates: locations,
  };
}

/**
 * The court id a provenance sends for one of our courts: one of its court_reference ids for the court that names no
 * other court (so mapProvenanceCourtId maps it back to this court); null when the reference data has none. Court
 * staff's manual uploads are sent with MANUAL_UPLOAD's id for the court they chose.
 */
export async function provenanceCourtIdFor(
  db: Queryable,
  provenance: string,
  locationId: number,
): Promise<string | null> {
  const result = (await db.query(
    `SELECT r.provenance_location_id FROM court_reference r
      WHERE lower(r.provenance) = lower($1) AND r.location_id = $2
        AND NOT EXISTS (SELECT 1 FROM court_reference o
                         WHERE lower(o.provenance) = lower($1)
                           AND o.provenance_location_id = r.provenance_location_id AND o.location_id <> $2)
      ORDER BY r.provenance_location_id = $2::text DESC, r.provenance_location_id
      LIMIT 1`,
    [provenance.trim(), locationId],
  )) as { rows: { provenance_location_id: string }[] };
  return result.rows[0]?.provenance_location_id ?? null;
}
