/**
 * Imports a court reference file: parse and validate every row, stage the rows in a temporary table with one
 * set-based statement, then let the stored procedure import_court_reference_data (migration 002) apply them.
 * One file is one transaction: a file with any problem changes nothing.
 */
import { inTransaction, type Database, type DatabaseClient } from '../db/database.js';
import { parseCourtFile, type CourtFileFormat, type CourtRecord, type FileProblem } from './court-file.js';

export interface CourtImportSummary {
  format: CourtFileFormat;
  rows: number;
  /** Courts. */
  added: number;
  updated: number;
  unchanged: number;
  /** Provenance references. */
  referencesAdded: number;
  referencesRemoved: number;
  /** Accepted, but worth a reference data owner's attention (a provenance reference shared by several courts). */
  warnings: FileProblem[];
}

export type CourtImportResult = { ok: true; summary: CourtImportSummary } | { ok: false; problems: FileProblem[] };

/** The SQLSTATE the procedure raises when the file conflicts with stored courts. */
const conflictState = 'PIP01';
/** Separates the values of a multi-valued cell on the way into the staging table (validation refuses it in cells). */
const valueSeparator = '\u001f';

class ImportConflict extends Error {
  constructor(readonly problems: FileProblem[]) {
    super('court reference data conflicts with stored courts');
  }
}

/** Decodes a file's bytes as UTF-8, refusing anything else rather than importing mojibake. */
export function decodeCourtFile(
  content: Uint8Array | string,
): { ok: true; text: string } | { ok: false; problems: FileProblem[] } {
  if (typeof content === 'string') return { ok: true, text: content };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(content) };
  } catch {
    return { ok: false, problems: [{ line: 1, column: null, problem: 'the file is not UTF-8 text' }] };
  }
}

const joinList = (values: string[] | undefined): string | null =>
  values === undefined ? null : values.join(valueSeparator);

/** The staging statement: every column arrives as one array parameter, so 100k rows are one round trip. */
const stageRows = `
INSERT INTO court_import_staging (line, location_id, name, welsh_name, region, welsh_region, jurisdiction,
  welsh_jurisdiction, jurisdiction_type, welsh_jurisdiction_type, email, contact_no, provenance,
  provenance_location_id, provenance_location_type)
SELECT line, location_id, name, welsh_name,
       string_to_array(region, chr(31)), string_to_array(welsh_region, chr(31)),
       string_to_array(jurisdiction, chr(31)), string_to_array(welsh_jurisdiction, chr(31)),
       string_to_array(jurisdiction_type, chr(31)), string_to_array(welsh_jurisdiction_type, chr(31)),
       email, contact_no, provenance, provenance_location_id, provenance_location_type
  FROM unnest($1::integer[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
              $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
       AS r(line, location_id, name, welsh_name, region, welsh_region, jurisdiction, welsh_jurisdiction,
            jurisdiction_type, welsh_jurisdiction_type, email, contact_no, provenance, provenance_location_id,
            provenance_location_type)`;

async function stage(client: DatabaseClient, courts: CourtRecord[]): Promise<void> {
  await client.query(`CREATE TEMPORARY TABLE court_import_staging (
    line integer NOT NULL,
    location_id integer,
    name text NOT NULL,
    welsh_name text,
    region text[],
    welsh_region text[],
    jurisdiction text[],
    welsh_jurisdiction text[],
    jurisdiction_type text[],
    welsh_jurisdiction_type text[],
    email text,
    contact_no text,
    provenance text NOT NULL,
    provenance_location_id text NOT NULL,
    provenance_location_type text NOT NULL
  ) ON COMMIT DROP`);
  const columns: unknown[][] = Array.from({ length: 15 }, () => []);
  for (const court of courts) {
    const courtValues = [
      court.locationId,
      court.name,
      court.welshName ?? null,
      joinList(court.region),
      joinList(court.welshRegion),
      joinList(court.jurisdiction),
      joinList(court.welshJurisdiction),
      joinList(court.jurisdictionType),
      joinList(court.welshJurisdictionType),
      court.email ?? null,
      court.contactNo ?? null,
    ];
    for (const reference of court.references) {
      const row = [
        reference.line,
        ...courtValues,
        reference.provenance,
        reference.provenanceLocationId,
        reference.provenanceLocationType,
      ];
      row.forEach((value, i) => columns[i]?.push(value));
    }
  }
  await client.query(stageRows, columns);
}

interface ProcedureCounts {
  added: number;
  updated: number;
  unchanged: number;
  references_added: number;
  references_removed: number;
}

function conflictProblems(error: unknown): FileProblem[] | null {
  const { code, detail } = error as { code?: string; detail?: string };
  if (code !== conflictState || detail === undefined) return null;
  return JSON.parse(detail) as FileProblem[];
}

/**
 * Imports one court reference file. Problems with the file are answered as values; only the unexpected (the
 * database unreachable) is thrown, because only that is worth retrying.
 */
export async function importCourtFile(database: Database, content: Uint8Array | string): Promise<CourtImportResult> {
  const decoded = decodeCourtFile(content);
  if (!decoded.ok) return decoded;
  const parsed = parseCourtFile(decoded.text);
  if (!parsed.ok) return parsed;
  try {
    const counts = await inTransaction(database, async (client) => {
      await stage(client, parsed.courts);
      try {
        const result = await client.query<ProcedureCounts>('CALL import_court_reference_data()');
        const row = result.rows[0];
        if (!row) throw new Error('import_court_reference_data answered no counts');
        return row;
      } catch (error) {
        const problems = conflictProblems(error);
        throw problems ? new ImportConflict(problems) : error;
      }
    });
    return {
      ok: true,
      summary: {
        format: parsed.format,
        rows: parsed.rows,
        added: counts.added,
        updated: counts.updated,
        unchanged: counts.unchanged,
        referencesAdded: counts.references_added,
        referencesRemoved: counts.references_removed,
        warnings: parsed.warnings,
      },
    };
  } catch (error) {
    if (error instanceof ImportConflict) return { ok: false, problems: error.problems };
    throw error;
  }
}
