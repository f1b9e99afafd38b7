/**
 * The stored reference data as a court reference file in the live format (court-file.ts), one row per provenance
 * reference, so that a downloaded file uploaded again unchanged changes nothing: every column the import reads,
 * multi-valued cells joined with "; ", empty cells for what is not stored. A court without any provenance reference
 * has no row (the live format needs one on every row); re-importing the file leaves such a court alone, as it leaves
 * every court the file does not describe. The count is answered, so the page can say so.
 */
import type { Database } from '../db/database.js';
import type { LocationNameRow } from './location-queries.js';

/** The header, as the import documents it (court-file.ts `liveColumns`). */
export const exportColumns = [
  'P&I ID',
  'Court Desc',
  'Region',
  'Jurisdiction',
  'Jurisdiction Type',
  'Provenance',
  'Provenance Location ID',
  'Provenance Location Type',
  'Welsh Court Desc',
  'Welsh Region',
  'Welsh Jurisdiction',
  'Welsh Jurisdiction Type',
  'Email',
  'Contact No',
] as const;

export interface CourtExport {
  csv: string;
  /** Courts with at least one row. */
  courts: number;
  rows: number;
  /** Courts left out: they hold no provenance reference. */
  courtsWithoutReferences: number;
}

interface ExportRow extends LocationNameRow {
  email: string | null;
  contact_no: string | null;
  provenance: string | null;
  provenance_location_id: string | null;
  provenance_location_type: string | null;
}

/** A cell's start that a spreadsheet would run as a formula (CSV injection), tab and CR included. */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled. A cell a spreadsheet would run is
 * prefixed with `'` (docs/operations.md): the import refuses such values, so none comes from a file, and the round
 * trip holds for everything an import can store; one written another way is exported harmless, not as it is.
 * Exported for the other CSV files the service writes (shared/housekeeping/media-subscriber-backup.ts).
 */
export function cell(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const list = (values: readonly string[]) => values.join('; ');

export async function exportCourtFile(database: Database): Promise<CourtExport> {
  const { rows } = await database.query<ExportRow>(
    `SELECT c.location_id, c.name, c.welsh_name, c.region, c.welsh_region, c.jurisdiction, c.welsh_jurisdiction,
            c.jurisdiction_type, c.welsh_jurisdiction_type, c.email, c.contact_no,
            r.provenance, r.provenance_location_id, r.provenance_location_type
       FROM court c
       LEFT JOIN court_reference r ON r.location_id = c.location_id
      ORDER BY c.location_id, r.provenance, r.provenance_location_id`,
  );
  const lines = [exportColumns.join(',')];
  const withRows = new Set<number>();
  const without = new Set<number>();
  for (const row of rows) {
    if (row.provenance === null || row.provenance_location_id === null) {
      without.add(row.location_id);
      continue;
    }
    withRows.add(row.location_id);
    lines.push(
      [
        String(row.location_id),
        row.name,
        list(row.region),
        list(row.jurisdiction),
        list(row.jurisdiction_type),
        row.provenance,
        row.provenance_location_id,
        (row.provenance_location_type ?? 'VENUE').toLowerCase().replaceAll('_', ' '),
        row.welsh_name ?? '',
        list(row.welsh_region),
        list(row.welsh_jurisdiction),
        list(row.welsh_jurisdiction_type),
        row.email ?? '',
        row.contact_no ?? '',
      ]
        .map(cell)
        .join(','),
    );
  }
  return {
    csv: `${lines.join('\r\n')}\r\n`,
    courts: withRows.size,
    rows: lines.length - 1,
    courtsWithoutReferences: without.size,
  };
}
