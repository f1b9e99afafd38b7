/**
 * Stores a publication's metadata as an artefact. A re-sent list (same court, content day, language, list type and
 * provenance) updates the artefact in place: same id, superseded_count + 1, and the previous blob is handed back
 * for deletion once the new row has committed. Concurrent identical uploads converge on one artefact through the
 * unique index (a lost race is retried), and a trigger delivered twice changes nothing the second time. Only a
 * submission still pending is published (markSubmissionPublished): when its status conflicts (never recorded, withdrawn,
 * rejected, or published as another artefact) the transaction is rolled back and the conflict answered as a value.
 */
import type { Database, DatabaseClient } from '../../db/database.js';
import { inTransaction } from '../../db/database.js';
import type { SearchTerms } from '../intake/search-terms.js';
import type { StoredPublication } from '../intake/stored-publication.js';
import { markSubmissionPublished, type PublishConflict } from './submissions.js';

export type PersistOutcome = {
  kind: 'created' | 'superseded' | 'redelivered' | 'stale';
  artefactId: string;
  supersededCount: number;
  /** A blob no artefact points at any more: delete it after the commit. */
  blobToDelete: string | null;
};

/** Nothing was written: the submission is not one that may be published now (see markSubmissionPublished). */
export type PersistRefusal = { kind: 'refused'; conflict: PublishConflict };

class LostRace extends Error {}

/** Thrown inside the transaction to roll it back; answered as a PersistRefusal. */
class SubmissionConflict extends Error {
  constructor(readonly conflict: PublishConflict) {
    super(`submission ${conflict.status}`);
  }
}

/** The columns of `revisionValues` before the time received: the same in the INSERT and the UPDATE. */
const revisionColumns = [
  'source_artefact_id',
  'type',
  'list_type',
  'content_date',
  'sensitivity',
  'display_from',
  'display_to',
  'is_flat_file',
  'content_type',
  'file_name',
  'payload_size',
  'blob_name',
  'submission_id',
] as const;

const retryableCodes = new Set(['23505', '40001', '40P01']);

export async function persistPublication(
  database: Database,
  input: {
    publication: StoredPublication;
    blobName: string;
    locationId: string;
    search: SearchTerms;
    newArtefactId: () => string;
    /**
     * Runs inside the transaction once the artefact is written, before the commit (the third-party push outbox). Run
     * again when a lost race retries the transaction.
     */
    withinTransaction?: (client: DatabaseClient, outcome: PersistOutcome) => Promise<void>;
    /**
     * For a live case status update (LCSU): the case numbers restricted once it replaces a status under which `held`
     * were (shared/court-screens/reporting-restrictions.ts). Written with the version, in its transaction; `held` is
     * the status it replaces, or when it starts a new day's status, the court's latest status received before it.
     * A stale or redelivered update writes nothing.
     */
    restrictedCases?: (held: readonly string[]) => string[];
  },
): Promise<PersistOutcome | PersistRefusal> {
  const { publication: p, blobName, locationId } = input;
  const contentDay = p.contentDate.slice(0, 10);
  const listKey = p.listType ?? p.type;
  // What a newer version of the list replaces: the INSERT and the UPDATE both write these, in this order, followed by
  // the time it was received and its search terms.
  const revisionValues = [
    p.sourceArtefactId,
    p.type,
    p.listType,
    p.contentDate,
    p.sensitivity,
    p.displayFrom,
    p.displayTo,
    p.isFlatFile,
    p.contentType,
    p.fileName,
    p.payloadSize,
    blobName,
    p.submissionId,
    p.receivedAt,
    JSON.stringify(input.search),
  ];
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await inTransaction(database, async (client) => {
        const existing = await client.query<{
          artefact_id: string;
          blob_name: string;
          submission_id: string;
          last_received_at: Date;
          superseded_count: number;
          restricted_case_numbers: string[];
        }>(
          `SELECT artefact_id, blob_name, submission_id, last_received_at, superseded_count, restricted_case_numbers
             FROM artefact
            WHERE location_id = $1 AND content_day = $2 AND language = $3 AND list_key = $4 AND provenance = $5
              AND archived_at IS NULL
            FOR UPDATE`,
          [locationId, contentDay, p.language, listKey, p.provenance],
        );
        const row = existing.rows[0];
        let outcome: PersistOutcome;
        if (!row) {
          const artefactId = input.newArtefactId();
          const inserted = await client.query(
            `INSERT INTO artefact (artefact_id, provenance, location_id, content_day, language, ${revisionColumns.join(', ')},
               first_received_at, last_received_at, search)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20)
             ON CONFLICT (location_id, content_day, language, list_key, provenance) WHERE archived_at IS NULL DO NOTHING`,
            [artefactId, p.provenance, locationId, contentDay, p.language, ...revisionValues],
          );
          if (inserted.rowCount !== 1) throw new LostRace();
          outcome = { kind: 'created', artefactId, supersededCount: 0, blobToDelete: null };
        } else if (row.submission_id === p.submissionId) {
          outcome = {
            kind: 'redelivered',
            artefactId: row.artefact_id,
            supersededCount: row.superseded_count,
            blobToDelete: null,
          };
        } else if (row.last_received_at.getTime() > Date.parse(p.receivedAt)) {
          // A newer version is already published: this older one never replaces it.
          outcome = {
            kind: 'stale',
            artefactId: row.artefact_id,
            supersededCount: row.superseded_count,
            blobToDelete: blobName,
          };
        } else {
          const updated = await client.query<{ superseded_count: number }>(
            `UPDATE artefact SET ${revisionColumns.map((column, i) => `${column} = $${i + 2}`).join(', ')},
               last_received_at = $15, search = $16, superseded_count = superseded_count + 1
             WHERE artefact_id = $1 RETURNING superseded_count`,
            [row.artefact_id, ...revisionValues],
          );
          outcome = {
            kind: 'superseded',
            artefactId: row.artefact_id,
            supersededCount: updated.rows[0]?.superseded_count ?? row.superseded_count + 1,
            blobToDelete: row.blob_name === blobName ? null : row.blob_name,
          };
        }
        if (input.restrictedCases && (outcome.kind === 'created' || outcome.kind === 'superseded')) {
          const held = row
            ? row.restricted_case_numbers
            : await heldElsewhere(client, locationId, p.receivedAt, outcome.artefactId);
          await client.query('UPDATE artefact SET restricted_case_numbers = $2 WHERE artefact_id = $1', [
            outcome.artefactId,
            input.restrictedCases(held),
          ]);
        }
        const marked = await markSubmissionPublished(client, p, {
          artefactId: outcome.artefactId,
          locationId,
          supersededCount: outcome.supersededCount,
        });
        if (!marked.ok) throw new SubmissionConflict(marked.conflict);
        if (input.withinTransaction) await input.withinTransaction(client, outcome);
        return outcome;
      });
    } catch (error) {
      if (error instanceof SubmissionConflict) return { kind: 'refused', conflict: error.conflict };
      const code = (error as { code?: unknown }).code;
      const retryable = error instanceof LostRace || (typeof code === 'string' && retryableCodes.has(code));
      if (!retryable || attempt >= 10) throw error;
    }
  }
}

/**
 * The cases restricted under a court's latest live case status received no later than `receivedAt` (another day's,
 * archived or not): what a new day's first update carries forward.
 */
async function heldElsewhere(
  client: DatabaseClient,
  locationId: string,
  receivedAt: string,
  artefactId: string,
): Promise<string[]> {
  const { rows } = await client.query<{ restricted_case_numbers: string[] }>(
    `SELECT restricted_case_numbers FROM artefact
      WHERE location_id = $1 AND type = 'LCSU' AND last_received_at <= $2 AND artefact_id <> $3
      ORDER BY last_received_at DESC LIMIT 1`,
    [locationId, receivedAt, artefactId],
  );
  return rows[0]?.restricted_case_numbers ?? [];
}
