/**
 * Who published without a mapping: the live publications stored against a court the reference data does not know
 * (`NoMatch<id>`, see ../../../docs/architecture.md), per court id and provenance, for the service team's daily
 * NoMatch report (shared/housekeeping/no-match-report.ts).
 */
import type { Database } from '../../db/database.js';

export interface NoMatchPublisher {
  /** As stored: `NoMatch<the court id the publisher sent>`. */
  locationId: string;
  provenance: string;
  publications: number;
  lastReceivedAt: Date;
}

export async function noMatchPublishers(database: Database): Promise<NoMatchPublisher[]> {
  const { rows } = await database.query<{
    location_id: string;
    provenance: string;
    publications: number;
    last_received_at: Date;
  }>(
    `SELECT location_id, provenance, count(*)::int AS publications, max(last_received_at) AS last_received_at
       FROM artefact
      WHERE archived_at IS NULL AND location_id LIKE 'NoMatch%'
      GROUP BY location_id, provenance
      ORDER BY location_id, provenance`,
  );
  return rows.map((row) => ({
    locationId: row.location_id,
    provenance: row.provenance,
    publications: row.publications,
    lastReceivedAt: row.last_received_at,
  }));
}
