/** Publications from the `artefact` table and their payloads from the `publications` container. */
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../../../shared/db/database.js';
import type { Publication, PublicationLanguage, PublicationStore, Sensitivity } from '../web-dependencies.js';

interface ArtefactRow {
  artefact_id: string;
  type: string;
  list_type: string | null;
  location_id: string;
  content_date: string;
  language: PublicationLanguage;
  sensitivity: Sensitivity;
  display_from: Date;
  display_to: Date | null;
  is_flat_file: boolean;
  content_type: string;
  file_name: string | null;
  blob_name: string;
  last_received_at: Date;
}

const columns = `artefact_id, type, list_type, location_id, to_char(content_date, 'YYYY-MM-DD"T"HH24:MI:SS') AS content_date,
  language, sensitivity, display_from, display_to, is_flat_file, content_type, file_name, blob_name, last_received_at`;

function toPublication(row: ArtefactRow): Publication {
  return {
    artefactId: row.artefact_id,
    type: row.type,
    listType: row.list_type,
    locationId: row.location_id,
    contentDate: row.content_date,
    language: row.language,
    sensitivity: row.sensitivity,
    displayFrom: row.display_from,
    displayTo: row.display_to,
    isFlatFile: row.is_flat_file,
    contentType: row.content_type,
    fileName: row.file_name,
    blobName: row.blob_name,
    lastReceivedAt: row.last_received_at,
  };
}

export function databasePublicationStore(database: Database, publications: ContainerClient): PublicationStore {
  return {
    async onDisplay(locationId, now) {
      const { rows } = await database.query<ArtefactRow>(
        `SELECT ${columns} FROM artefact
          WHERE location_id = $1 AND archived_at IS NULL AND display_from <= $2 AND (display_to IS NULL OR display_to >= $2)
          ORDER BY content_date DESC, artefact_id`,
        [locationId, now],
      );
      return rows.map(toPublication);
    },
    async find(artefactId) {
      const { rows } = await database.query<ArtefactRow>(
        `SELECT ${columns} FROM artefact WHERE artefact_id = $1 AND archived_at IS NULL`,
        [artefactId],
      );
      const [row] = rows;
      return row ? toPublication(row) : null;
    },
    readPayload: (publication) => publications.getBlobClient(publication.blobName).downloadToBuffer(),
  };
}
