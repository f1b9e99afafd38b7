/**
 * The only code touching `publication_rendition` (migration 065): one row per version of a JSON list (keyed by the
 * version's blob name), with its renditions' blob names and sizes and its cases. Written once per version by
 * functions/publication-renditions; read by the list page (downloads, "changes since") and the digest attachments.
 */
import type { Database } from '../../db/database.js';
import type { ListCase } from './list-cases.js';

export interface Rendition {
  blobName: string;
  artefactId: string;
  version: number;
  pdf: { blobName: string; size: number } | null;
  workbook: { blobName: string; size: number } | null;
  cases: ListCase[];
  renderedAt: Date;
}

interface RenditionRow {
  blob_name: string;
  artefact_id: string;
  version: number;
  pdf_blob_name: string | null;
  pdf_size: number | null;
  workbook_blob_name: string | null;
  workbook_size: number | null;
  cases: ListCase[];
  rendered_at: Date;
}

const columns =
  'blob_name, artefact_id, version, pdf_blob_name, pdf_size, workbook_blob_name, workbook_size, cases, rendered_at';

function toRendition(row: RenditionRow): Rendition {
  return {
    blobName: row.blob_name,
    artefactId: row.artefact_id,
    version: row.version,
    pdf: row.pdf_blob_name === null ? null : { blobName: row.pdf_blob_name, size: row.pdf_size ?? 0 },
    workbook:
      row.workbook_blob_name === null ? null : { blobName: row.workbook_blob_name, size: row.workbook_size ?? 0 },
    cases: row.cases,
    renderedAt: row.rendered_at,
  };
}

/** The rendition of one version (by its blob name); null before it is rendered. */
export async function findRendition(database: Database, blobName: string): Promise<Rendition | null> {
  const { rows } = await database.query<RenditionRow>(
    `SELECT ${columns} FROM publication_rendition WHERE blob_name = $1`,
    [blobName],
  );
  const [row] = rows;
  return row ? toRendition(row) : null;
}

/** The newest rendered version of the artefact before `version`; null when there is none. */
export async function previousRendition(
  database: Database,
  artefactId: string,
  version: number,
): Promise<Rendition | null> {
  const { rows } = await database.query<RenditionRow>(
    `SELECT ${columns} FROM publication_rendition WHERE artefact_id = $1 AND version < $2
      ORDER BY version DESC LIMIT 1`,
    [artefactId, version],
  );
  const [row] = rows;
  return row ? toRendition(row) : null;
}

/**
 * Records a version's rendition. A redelivered message finds the row there: nothing changes (`false`), so the
 * first write wins and a version is rendered once. The artefact must exist (a removed one is refused by its key).
 */
export async function recordRendition(database: Database, rendition: Rendition): Promise<boolean> {
  const result = await database.query(
    `INSERT INTO publication_rendition (${columns})
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE EXISTS (SELECT 1 FROM artefact WHERE artefact_id = $2)
     ON CONFLICT (blob_name) DO NOTHING`,
    [
      rendition.blobName,
      rendition.artefactId,
      rendition.version,
      rendition.pdf?.blobName ?? null,
      rendition.pdf?.size ?? null,
      rendition.workbook?.blobName ?? null,
      rendition.workbook?.size ?? null,
      JSON.stringify(rendition.cases),
      rendition.renderedAt,
    ],
  );
  return result.rowCount === 1;
}
