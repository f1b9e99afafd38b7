/**
 * How a court reference import is recorded, whichever way the file came (the blob trigger, the upload API, the
 * system admin's page): one audit record (REFERENCE_DATA_IMPORT, SUCCESS with the counts or FAILURE with the first
 * problems) and one log event.
 */
import { recordAuditEvent, type Queryable } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { logEvent, type EventLogger } from '../logging/log-event.js';
import type { CourtImportResult } from './court-import.js';

export const courtImportAuditAction = 'REFERENCE_DATA_IMPORT';
/** The audit log keeps the first problems of a rejected file; the answer to the uploader has them all. */
const auditedProblems = 100;

/** Where the file came from: a dropped blob, or an upload (the API's body or file, or the page's file field). */
export type CourtImportSource =
  { kind: 'blob'; blobName: string } | { kind: 'upload'; fileName: string | null; via?: 'api' | 'page' };

function sourceDetails(source: CourtImportSource): Record<string, unknown> {
  if (source.kind === 'blob') return { source: 'blob', blobName: source.blobName };
  return { source: 'upload', fileName: source.fileName, ...(source.via === 'page' ? { via: 'page' } : {}) };
}

/** Audits the import and logs its outcome. */
export async function recordCourtImport(
  database: Queryable,
  logger: EventLogger,
  actor: Principal | null,
  source: CourtImportSource,
  result: CourtImportResult,
): Promise<void> {
  await recordAuditEvent(database, {
    action: courtImportAuditAction,
    outcome: result.ok ? 'SUCCESS' : 'FAILURE',
    actor,
    objectType: 'reference-data-file',
    objectId: source.kind === 'blob' ? source.blobName : (source.fileName ?? 'upload'),
    details: result.ok
      ? { ...sourceDetails(source), ...result.summary, warnings: result.summary.warnings.length }
      : {
          ...sourceDetails(source),
          problemCount: result.problems.length,
          problems: result.problems.slice(0, auditedProblems),
        },
  });
  const common = { ...sourceDetails(source), userId: actor?.userId ?? null };
  if (result.ok) {
    const { added, updated, unchanged, referencesAdded, referencesRemoved, referencesMoved, rows } = result.summary;
    logEvent(logger, 'info', 'COURT_REF_IMPORT_SUCCEEDED', {
      ...common,
      rows,
      added,
      updated,
      unchanged,
      referencesAdded,
      referencesRemoved,
      referencesMoved,
    });
  } else {
    logEvent(logger, 'warn', 'COURT_REF_IMPORT_REJECTED', {
      ...common,
      problemCount: result.problems.length,
      firstProblems: result.problems.slice(0, 5),
    });
  }
}
