/**
 * The only code touching `digest_list_delivery` (migration 065): the version (blob name) of each list a recipient
 * was last sent, so the next digest carrying that list names what changed since.
 */
import type { Database } from '../db/database.js';

export interface ListDelivery {
  artefactId: string;
  blobName: string;
}

/** The versions last sent to the recipient of the given lists, by artefact id. */
export async function lastDeliveries(
  database: Database,
  recipient: string,
  artefactIds: readonly string[],
): Promise<Map<string, string>> {
  if (artefactIds.length === 0) return new Map();
  const { rows } = await database.query<{ artefact_id: string; blob_name: string }>(
    `SELECT artefact_id, blob_name FROM digest_list_delivery WHERE recipient = lower($1) AND artefact_id = ANY($2::uuid[])`,
    [recipient, artefactIds],
  );
  return new Map(rows.map((row) => [row.artefact_id, row.blob_name]));
}

/** Records what a sent digest carried: the version of each list, replacing the one recorded before. */
export async function recordDeliveries(
  database: Database,
  recipient: string,
  deliveries: readonly ListDelivery[],
  at: Date,
): Promise<void> {
  if (deliveries.length === 0) return;
  await database.query(
    `INSERT INTO digest_list_delivery (recipient, artefact_id, blob_name, delivered_at)
     SELECT lower($1), d.artefact_id, d.blob_name, $4
       FROM unnest($2::uuid[], $3::text[]) AS d (artefact_id, blob_name)
      WHERE EXISTS (SELECT 1 FROM artefact a WHERE a.artefact_id = d.artefact_id)
     ON CONFLICT (recipient, artefact_id) DO UPDATE SET blob_name = EXCLUDED.blob_name, delivered_at = EXCLUDED.delivered_at`,
    [recipient, deliveries.map((d) => d.artefactId), deliveries.map((d) => d.blobName), at],
  );
}
