/**
 * Imports a court reference file: parse and validate every row, stage the rows in a temporary table with one
 * set-based statement, then let the stored procedure import_court_reference_data (migration 041) apply them.
 * One file is one transaction: a file with any problem changes nothing. A provenance reference another stored court
 * already holds is refused unless the row says Move = yes (see court-file.ts and docs/operations.md).
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
  /** References taken (Move = yes) from stored courts the file does not describe. */
  referencesMoved: number;
  /** Accepted, but worth a reference data owner's attention (a provenance reference shared by several courts). */
  warnings: FileProblem[];
}

/** Where an import's time went (milliseconds), for the benchmark: decode + parse + validate, staging, the procedure. */
export interface CourtImportTimings {
  parseMs: number;
  stageMs: number;
  procedureMs: number;
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

/**
 * Decodes a file's bytes as UTF-8, refusing anything else rather than importing mojibake. A byte order mark is kept
 * in the text (the parser skips one and refuses a second), so bytes and text are judged alike.
 */
export function decodeCourtFile(
  content: Uint8Array | string,
): { ok: true; text: string } | { ok: false; problems: FileProblem[] } {
  if (typeof content === 'string') return { ok: true, text: content };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(content) };
  } catch {
    return { ok: false, problems: [{ line: 1, column: null, problem: 'the file is not UTF-8 text' }] };
  }
}

/**
 * Staging encoding: each column travels as one text parameter, its rows separated by RS (U+001E) and the values of a
 * multi-valued cell by US (U+001F); GS (U+001D) stands for NULL (a column the file does not have). Validation refuses
 * control characters in every cell the service stores, so none of them can occur in a value. Every column starts with
 * a separator, so string_to_array answers one element per row plus an empty first one, which the statement skips:
 * without it, one row holding an empty value would be an empty array instead of {""}.
 */
const rowSeparator = '\u001e';
const nullValue = '\u001d';

const joinList = (values: string[] | undefined): string =>
  values === undefined ? nullValue : values.join(valueSeparator);

/** The staging statement: every column arrives as one text parameter, so 100k rows are one round trip. */
const stageRows = `
INSERT INTO court_import_staging (line, location_id, name, welsh_name, region, welsh_region, jurisdiction,
  welsh_jurisdiction, jurisdiction_type, welsh_jurisdiction_type, email, contact_no, provenance,
  provenance_location_id, provenance_location_type, move)
SELECT line::integer, location_id::integer, name, welsh_name,
       string_to_array(region, chr(31)), string_to_array(welsh_region, chr(31)),
       string_to_array(jurisdiction, chr(31)), string_to_array(welsh_jurisdiction, chr(31)),
       string_to_array(jurisdiction_type, chr(31)), string_to_array(welsh_jurisdiction_type, chr(31)),
       email, contact_no, provenance, provenance_location_id, provenance_location_type, move::boolean
  FROM unnest(${Array.from({ length: 16 }, (_, i) => `(string_to_array($${i + 1}::text, chr(30), chr(29)))[2:]`).join(', ')})
       AS r(line, location_id, name, welsh_name, region, welsh_region, jurisdiction, welsh_jurisdiction,
            jurisdiction_type, welsh_jurisdiction_type, email, contact_no, provenance, provenance_location_id,
            provenance_location_type, move)`;

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
    provenance_location_type text NOT NULL,
    move boolean NOT NULL
  ) ON COMMIT DROP`);
  // One array per staging column, each starting with the empty element the statement skips.
  const line = [''];
  const locationId = [''];
  const name = [''];
  const welshName = [''];
  const region = [''];
  const welshRegion = [''];
  const jurisdiction = [''];
  const welshJurisdiction = [''];
  const jurisdictionType = [''];
  const welshJurisdictionType = [''];
  const email = [''];
  const contactNo = [''];
  const provenance = [''];
  const provenanceId = [''];
  const locationType = [''];
  const move = [''];
  for (const court of courts) {
    const courtLocationId = court.locationId === null ? nullValue : String(court.locationId);
    const courtWelshName = court.welshName ?? nullValue;
    const courtRegion = joinList(court.region);
    const courtWelshRegion = joinList(court.welshRegion);
    const courtJurisdiction = joinList(court.jurisdiction);
    const courtWelshJurisdiction = joinList(court.welshJurisdiction);
    const courtJurisdictionType = joinList(court.jurisdictionType);
    const courtWelshJurisdictionType = joinList(court.welshJurisdictionType);
    const courtEmail = court.email ?? nullValue;
    const courtContactNo = court.contactNo ?? nullValue;
    for (const reference of court.references) {
      line.push(String(reference.line));
      locationId.push(courtLocationId);
      name.push(court.name);
      welshName.push(courtWelshName);
      region.push(courtRegion);
      welshRegion.push(courtWelshRegion);
      jurisdiction.push(courtJurisdiction);
      welshJurisdiction.push(courtWelshJurisdiction);
      jurisdictionType.push(courtJurisdictionType);
      welshJurisdictionType.push(courtWelshJurisdictionType);
      email.push(courtEmail);
      contactNo.push(courtContactNo);
      provenance.push(reference.provenance);
      provenanceId.push(reference.provenanceLocationId);
      locationType.push(reference.provenanceLocationType);
      move.push(reference.move ? 't' : 'f');
    }
  }
  const columns = [
    line,
    locationId,
    name,
    welshName,
    region,
    welshRegion,
    jurisdiction,
    welshJurisdiction,
    jurisdictionType,
    welshJurisdictionType,
    email,
    contactNo,
    provenance,
    provenanceId,
    locationType,
    move,
  ];
  await client.query(
    stageRows,
    columns.map((values) => values.join(rowSeparator)),
  );
}

interface ProcedureCounts {
  added: number;
  updated: number;
  unchanged: number;
  references_added: number;
  references_removed: number;
  references_moved: number;
}

/**
 * The problems of a PIP01 conflict, by line, each naming its column as the file wrote it (the procedure names columns
 * by their documented header).
 */
function conflictProblems(error: unknown, headers: Readonly<Record<string, string>>): FileProblem[] | null {
  const { code, detail } = error as { code?: string; detail?: string };
  if (code !== conflictState || detail === undefined) return null;
  return (JSON.parse(detail) as FileProblem[])
    .map((problem) => ({
      ...problem,
      column: problem.column === null ? null : (headers[problem.column] ?? problem.column),
    }))
    .sort((a, b) => a.line - b.line);
}

/**
 * Imports one court reference file. Problems with the file are answered as values; only the unexpected (the
 * database unreachable) is thrown, because only that is worth retrying.
 */
export async function importCourtFile(
  database: Database,
  content: Uint8Array | string,
  options: { timings?: CourtImportTimings } = {},
): Promise<CourtImportResult> {
  const timings = options.timings ?? { parseMs: 0, stageMs: 0, procedureMs: 0 };
  let started = performance.now();
  const decoded = decodeCourtFile(content);
  if (!decoded.ok) return decoded;
  const parsed = parseCourtFile(decoded.text);
  timings.parseMs = performance.now() - started;
  if (!parsed.ok) return parsed;
  try {
    const counts = await inTransaction(database, async (client) => {
      started = performance.now();
      await stage(client, parsed.courts);
      timings.stageMs = performance.now() - started;
      started = performance.now();
      try {
        const result = await client.query<ProcedureCounts>('CALL import_court_reference_data()');
        timings.procedureMs = performance.now() - started;
        const row = result.rows[0];
        if (!row) throw new Error('import_court_reference_data answered no counts');
        return row;
      } catch (error) {
        const problems = conflictProblems(error, parsed.headers);
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
        referencesMoved: counts.references_moved,
        warnings: parsed.warnings,
      },
    };
  } catch (error) {
    if (error instanceof ImportConflict) return { ok: false, problems: error.problems };
    throw error;
  }
}
