/**
 * The `artefact` table, read and changed: the only code besides persist-publication.ts that touches it. Rows are
 * answered as the one Publication type (../publication.ts). Knows nothing of Azure Functions.
 */
import { inTransaction, type Database, type DatabaseClient } from '../../db/database.js';
import type { Publication } from '../publication.js';

// Each column named as Publication names its field, so a row is a Publication as it comes.
// content_date is a local court date-time (timestamp without time zone): answered as written, not shifted to UTC.
const columns = `artefact_id AS "artefactId", location_id AS "locationId", provenance,
  source_artefact_id AS "sourceArtefactId", type, list_type AS "listType",
  to_char(content_date, 'YYYY-MM-DD"T"HH24:MI:SS') AS "contentDate", language, sensitivity,
  display_from AS "displayFrom", display_to AS "displayTo", is_flat_file AS "isFlatFile", content_type AS "contentType",
  file_name AS "fileName", payload_size AS "payloadSize", blob_name AS "blobName",
  superseded_count AS "supersededCount", last_received_at AS "lastReceivedAt"`;

/** A live (not archived) publication by id. */
export async function findLivePublication(database: Database, artefactId: string): Promise<Publication | null> {
  const { rows } = await database.query<Publication>(
    `SELECT ${columns} FROM artefact WHERE artefact_id = $1 AND archived_at IS NULL`,
    [artefactId],
  );
  return rows[0] ?? null;
}

/**
 * A court's live publications as its summary of publications lists them (the portal's court page, the read API's
 * listing), newest content first. Live case status updates are never listed: they are for court screens, read
 * through `latestLiveCaseStatus`, and are not publications a reader opens.
 */
export async function livePublicationsAt(database: Database, locationId: string): Promise<Publication[]> {
  const { rows } = await database.query<Publication>(
    `SELECT ${columns} FROM artefact WHERE location_id = $1 AND archived_at IS NULL AND type <> 'LCSU'
      ORDER BY content_date DESC, list_type, artefact_id`,
    [locationId],
  );
  return rows;
}

/**
 * Every live (not archived) publication stored against a location (our court id, or NoMatch<id>), whatever its
 * display window and live case status updates included: what administrators remove and inspect. Newest content first.
 */
export async function allLivePublicationsAt(database: Database, locationId: string): Promise<Publication[]> {
  const { rows } = await database.query<Publication>(
    `SELECT ${columns} FROM artefact WHERE location_id = $1 AND archived_at IS NULL
      ORDER BY content_date DESC, list_type, artefact_id`,
    [locationId],
  );
  return rows;
}

/** Live publications stored against a court the reference data did not know (NoMatch<provenance court id>). */
export async function liveNoMatchPublications(database: Database): Promise<Publication[]> {
  const { rows } = await database.query<Publication>(
    `SELECT ${columns} FROM artefact WHERE location_id LIKE 'NoMatch%' AND archived_at IS NULL ORDER BY last_received_at DESC, artefact_id`,
  );
  return rows;
}

/** Whose publications a page of the publications explorer lists: one location (our court id), or every NoMatch one. */
export type PublicationsOf = { locationId: string } | { noMatch: true };

/** One page of a listing, and how many publications the listing has in all. */
export interface PublicationPage {
  items: Publication[];
  total: number;
}

/**
 * A page of the live publications `allLivePublicationsAt` or `liveNoMatchPublications` answers, in their order (so
 * a page is a slice of the whole): `offset` rows skipped, at most `limit` answered, with the listing's total.
 */
export async function livePublicationsPage(
  database: Database,
  listing: PublicationsOf,
  page: { offset: number; limit: number },
): Promise<PublicationPage> {
  const [where, order, parameters] =
    'noMatch' in listing
      ? ["location_id LIKE 'NoMatch%'", 'last_received_at DESC, artefact_id', []]
      : ['location_id = $1', 'content_date DESC, list_type, artefact_id', [listing.locationId]];
  const count = await database.query<{ count: string }>(
    `SELECT count(*) FROM artefact WHERE ${where} AND archived_at IS NULL`,
    parameters,
  );
  const { rows } = await database.query<Publication>(
    `SELECT ${columns} FROM artefact WHERE ${where} AND archived_at IS NULL ORDER BY ${order}
      LIMIT $${parameters.length + 1} OFFSET $${parameters.length + 2}`,
    [...parameters, page.limit, page.offset],
  );
  return { items: rows, total: Number(count.rows[0]?.count ?? 0) };
}

/** Deletes a publication (live or archived); answers it, so its blob can be deleted once the deletion commits. */
export async function deletePublication(client: DatabaseClient, artefactId: string): Promise<Publication | null> {
  const { rows } = await client.query<Publication>(`DELETE FROM artefact WHERE artefact_id = $1 RETURNING ${columns}`, [
    artefactId,
  ]);
  return rows[0] ?? null;
}

/** How many live publications a court has (a court with any is not deleted). */
export async function countLivePublicationsAt(db: Database | DatabaseClient, locationId: number): Promise<number> {
  const { rows } = await db.query<{ count: string }>(
    'SELECT count(*) FROM artefact WHERE location_id = $1 AND archived_at IS NULL',
    [String(locationId)],
  );
  return Number(rows[0]?.count ?? 0);
}

/**
 * Archives every live publication whose display window ended before `now`; answers how many. One statement claims the
 * rows, so two overlapping runs never archive the same one twice. `withinTransaction` is given the archived ones
 * before the commit (the third-party push outbox: their removal is pushed).
 */
export async function archiveEndedPublications(
  database: Database,
  now: Date,
  withinTransaction?: (client: DatabaseClient, archived: Publication[]) => Promise<void>,
): Promise<number> {
  return inTransaction(database, async (client) => {
    const { rows } = await client.query<Publication>(
      `UPDATE artefact SET archived_at = $1
        WHERE archived_at IS NULL AND display_to IS NOT NULL AND display_to < $1
        RETURNING ${columns}`,
      [now],
    );
    if (withinTransaction && rows.length > 0) await withinTransaction(client, rows);
    return rows.length;
  });
}

/** Every archived publication whose blob is not yet known to be gone, oldest archive first. */
export async function archivedBlobsToDelete(database: Database): Promise<{ artefactId: string; blobName: string }[]> {
  const { rows } = await database.query<{ artefact_id: string; blob_name: string }>(
    'SELECT artefact_id, blob_name FROM artefact WHERE archived_at IS NOT NULL AND blob_deleted_at IS NULL ORDER BY archived_at',
  );
  return rows.map((row) => ({ artefactId: row.artefact_id, blobName: row.blob_name }));
}

export async function markArchivedBlobDeleted(database: Database, artefactId: string, at: Date): Promise<void> {
  await database.query('UPDATE artefact SET blob_deleted_at = $2 WHERE artefact_id = $1', [artefactId, at]);
}

/**
 * A court's latest live case status update (LCSU) that is PUBLIC and on display at `now`, if any, with the case numbers
 * under reporting restrictions as of it (shared/court-screens/reporting-restrictions.ts).
 */
export async function latestLiveCaseStatus(
  database: Database,
  locationId: number,
  now: Date,
): Promise<
  (Pick<Publication, 'artefactId' | 'blobName' | 'lastReceivedAt'> & { restrictedCaseNumbers: string[] }) | null
> {
  const { rows } = await database.query<{
    artefact_id: string;
    blob_name: string;
    last_received_at: Date;
    restricted_case_numbers: string[];
  }>(
    `SELECT artefact_id, blob_name, last_received_at, restricted_case_numbers FROM artefact
      WHERE type = 'LCSU' AND location_id = $1 AND sensitivity = 'PUBLIC' AND archived_at IS NULL
        AND display_from <= $2 AND (display_to IS NULL OR display_to >= $2)
      ORDER BY last_received_at DESC LIMIT 1`,
    [String(locationId), now],
  );
  const [row] = rows;
  return row
    ? {
        artefactId: row.artefact_id,
        blobName: row.blob_name,
        lastReceivedAt: row.last_received_at,
        restrictedCaseNumbers: row.restricted_case_numbers,
      }
    : null;
}

/** The case numbers under reporting restrictions as of a live case status update (none for any other publication). */
export async function restrictedCaseNumbersOf(database: Database, artefactId: string): Promise<string[]> {
  const { rows } = await database.query<{ restricted_case_numbers: string[] }>(
    'SELECT restricted_case_numbers FROM artefact WHERE artefact_id = $1',
    [artefactId],
  );
  return rows[0]?.restricted_case_numbers ?? [];
}

/** A publication as a digest email lists it: with its court's name and its content day (YYYY-MM-DD). */
export type PublicationListing = Pick<Publication, 'artefactId' | 'type' | 'listType'> & {
  courtName: string;
  /** The court's Welsh name, where the reference data has one. */
  courtNameCy?: string | null;
  contentDay: string;
};

/**
 * Of these publications, the ones still live (not archived, not INTERNAL) and at a known court (each once), as a
 * digest lists them; who may read which was decided when the digest was planned.
 */
export async function liveListings(
  db: Database | DatabaseClient,
  artefactIds: readonly string[],
): Promise<PublicationListing[]> {
  if (artefactIds.length === 0) return [];
  const { rows } = await db.query<{
    artefact_id: string;
    type: Publication['type'];
    list_type: string | null;
    court_name: string;
    court_name_cy: string | null;
    content_day: string;
  }>(
    `SELECT a.artefact_id, a.type, a.list_type, c.name AS court_name, c.welsh_name AS court_name_cy, to_char(a.content_date, 'YYYY-MM-DD') AS content_day
       FROM artefact a
       JOIN court c ON c.location_id::text = a.location_id
      WHERE a.artefact_id = ANY ($1::uuid[]) AND a.archived_at IS NULL AND a.sensitivity <> 'INTERNAL'`,
    [[...new Set(artefactIds)]],
  );
  return rows.map((p) => ({
    artefactId: p.artefact_id,
    type: p.type,
    listType: p.list_type,
    courtName: p.court_name,
    courtNameCy: p.court_name_cy,
    contentDay: p.content_day,
  }));
}

/** Where a page of the third-party feed ends: the last row's (last_received_at, to the microsecond, artefact_id). */
export interface FeedPosition {
  /** last_received_at in UTC to the microsecond, `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
  receivedAt: string;
  artefactId: string;
}

export interface PublicationFeedQuery {
  listType: string | null;
  locationId: string | null;
  /** Publications received (or last updated) at or after this instant. */
  updatedSince: Date | null;
  /** What the caller may read (shared/publications/access/readable-scope.ts). */
  sensitivities: readonly string[];
  classifiedListTypes: readonly string[];
  classifiedWithoutListType: boolean;
  now: Date;
  /** Continue after this position (newest first). */
  after: FeedPosition | null;
  limit: number;
}

/**
 * The third-party feed: live publications on display at a known court that the caller may read, newest
 * (last received) first, keyset-paged on (last_received_at, artefact_id) so that pages never skip or repeat a row
 * while new ones arrive (they sort before the position). Live case status updates are not in it. Answers up to
 * `limit + 1` rows so the caller knows whether there is a next page, each with its position.
 */
export async function publicationFeedPage(
  database: Database,
  query: PublicationFeedQuery,
): Promise<{ publication: Publication; position: FeedPosition }[]> {
  const { rows } = await database.query<Publication & { positionTime: string }>(
    `SELECT ${columns},
            to_char(last_received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "positionTime"
       FROM artefact
      WHERE archived_at IS NULL AND type <> 'LCSU' AND location_id NOT LIKE 'NoMatch%'
        AND display_from <= $1 AND (display_to IS NULL OR display_to >= $1)
        AND ($2::text IS NULL OR list_type = $2)
        AND ($3::text IS NULL OR location_id = $3)
        AND ($4::timestamptz IS NULL OR last_received_at >= $4)
        AND (sensitivity = ANY ($5::text[])
             OR (sensitivity = 'CLASSIFIED' AND (list_type = ANY ($6::text[]) OR (list_type IS NULL AND $7::boolean))))
        AND ($8::timestamptz IS NULL OR (last_received_at, artefact_id) < ($8::timestamptz, $9::uuid))
      ORDER BY last_received_at DESC, artefact_id DESC
      LIMIT $10`,
    [
      query.now,
      query.listType,
      query.locationId,
      query.updatedSince,
      query.sensitivities,
      query.classifiedListTypes,
      query.classifiedWithoutListType,
      query.after?.receivedAt ?? null,
      query.after?.artefactId ?? null,
      query.limit + 1,
    ],
  );
  return rows.map(({ positionTime, ...publication }) => ({
    publication,
    position: { receivedAt: positionTime, artefactId: publication.artefactId },
  }));
}
