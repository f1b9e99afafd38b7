/**
 * Artefact rows as the read API and the pages read them: the queries, and the camelCase shape the live API's JSON uses.
 * Knows nothing of Azure Functions.
 */
import type { PublicationAccessFacts, PublicationSensitivity } from '../access/can-read-publication.js';
import type { Database, DatabaseClient } from '../db/database.js';
import { findListType } from '../publications/list-types.js';

export interface ArtefactRecord {
  artefactId: string;
  locationId: string;
  provenance: string;
  sourceArtefactId: string | null;
  type: string;
  listType: string | null;
  contentDate: string;
  language: string;
  sensitivity: PublicationSensitivity;
  displayFrom: Date;
  displayTo: Date | null;
  isFlatFile: boolean;
  contentType: string;
  fileName: string | null;
  payloadSize: number;
  blobName: string;
  supersededCount: number;
  lastReceivedDate: Date;
}

interface ArtefactRow {
  artefact_id: string;
  location_id: string;
  provenance: string;
  source_artefact_id: string | null;
  type: string;
  list_type: string | null;
  content_date: string;
  language: string;
  sensitivity: PublicationSensitivity;
  display_from: Date;
  display_to: Date | null;
  is_flat_file: boolean;
  content_type: string;
  file_name: string | null;
  payload_size: number;
  blob_name: string;
  superseded_count: number;
  last_received_at: Date;
}

// content_date is a local court date-time (timestamp without time zone): answered as written, not shifted to UTC.
const columns = `artefact_id, location_id, provenance, source_artefact_id, type, list_type,
  to_char(content_date, 'YYYY-MM-DD"T"HH24:MI:SS') AS content_date, language, sensitivity, display_from, display_to,
  is_flat_file, content_type, file_name, payload_size, blob_name, superseded_count, last_received_at`;

function toRecord(row: ArtefactRow): ArtefactRecord {
  return {
    artefactId: row.artefact_id,
    locationId: row.location_id,
    provenance: row.provenance,
    sourceArtefactId: row.source_artefact_id,
    type: row.type,
    listType: row.list_type,
    contentDate: row.content_date,
    language: row.language,
    sensitivity: row.sensitivity,
    displayFrom: row.display_from,
    displayTo: row.display_to,
    isFlatFile: row.is_flat_file,
    contentType: row.content_type,
    fileName: row.file_name,
    payloadSize: row.payload_size,
    blobName: row.blob_name,
    supersededCount: row.superseded_count,
    lastReceivedDate: row.last_received_at,
  };
}

export function accessFacts(record: ArtefactRecord): PublicationAccessFacts {
  return {
    sensitivity: record.sensitivity,
    listType: record.listType,
    displayFrom: record.displayFrom,
    displayTo: record.displayTo,
  };
}

/** A live (not archived) artefact by id. */
export async function findLiveArtefact(database: Database, artefactId: string): Promise<ArtefactRecord | null> {
  const { rows } = await database.query<ArtefactRow>(
    `SELECT ${columns} FROM artefact WHERE artefact_id = $1 AND archived_at IS NULL`,
    [artefactId],
  );
  const [row] = rows;
  return row ? toRecord(row) : null;
}

/** A court's live artefacts, newest content first. */
export async function liveArtefactsAt(database: Database, locationId: string): Promise<ArtefactRecord[]> {
  const { rows } = await database.query<ArtefactRow>(
    `SELECT ${columns} FROM artefact WHERE location_id = $1 AND archived_at IS NULL ORDER BY content_date DESC, list_type, artefact_id`,
    [locationId],
  );
  return rows.map(toRecord);
}

/** Live artefacts stored against a court the reference data did not know (NoMatch<provenance court id>). */
export async function liveNoMatchArtefacts(database: Database): Promise<ArtefactRecord[]> {
  const { rows } = await database.query<ArtefactRow>(
    `SELECT ${columns} FROM artefact WHERE location_id LIKE 'NoMatch%' AND archived_at IS NULL ORDER BY last_received_at DESC, artefact_id`,
  );
  return rows.map(toRecord);
}

/** Deletes an artefact row (live or archived); answers it, so its blob can be deleted once the deletion commits. */
export async function deleteArtefact(client: DatabaseClient, artefactId: string): Promise<ArtefactRecord | null> {
  const { rows } = await client.query<ArtefactRow>(`DELETE FROM artefact WHERE artefact_id = $1 RETURNING ${columns}`, [
    artefactId,
  ]);
  const [row] = rows;
  return row ? toRecord(row) : null;
}

export async function courtExists(database: Database, locationId: number): Promise<boolean> {
  const { rowCount } = await database.query('SELECT 1 FROM court WHERE location_id = $1', [locationId]);
  return rowCount === 1;
}

/** The friendly names of a list type, from the catalogue; null for publications that are not lists. */
export function listNameOf(listType: string | null): { en: string; cy: string } | null {
  if (listType === null) return null;
  const lookup = findListType(listType);
  return lookup.kind === 'unknown' ? null : lookup.listType.friendlyName;
}

/** The metadata answered by GET api/publication/{id} and the listings (never the blob name or search terms). */
export function publicationMetadata(record: ArtefactRecord): Record<string, unknown> {
  return {
    artefactId: record.artefactId,
    locationId: record.locationId,
    provenance: record.provenance,
    sourceArtefactId: record.sourceArtefactId,
    type: record.type,
    listType: record.listType,
    listName: listNameOf(record.listType),
    contentDate: record.contentDate,
    language: record.language,
    sensitivity: record.sensitivity,
    displayFrom: record.displayFrom.toISOString(),
    displayTo: record.displayTo?.toISOString() ?? null,
    isFlatFile: record.isFlatFile,
    contentType: record.contentType,
    fileName: record.fileName,
    payloadSize: record.payloadSize,
    supersededCount: record.supersededCount,
    lastReceivedDate: record.lastReceivedDate.toISOString(),
  };
}
