/**
 * POST /api/publication/validate: what POST /api/publication would answer, without publishing. The request goes
 * through the very same checks (`checkPublicationRequest`: token and role, size, headers, provenance, payload), and
 * the court is resolved as the blob trigger resolves it when publishing (`mapProvenanceCourtId`). Nothing is stored:
 * the handler is given no storage, and writes no submission or artefact; the validation is audited and logged as a
 * validation (`PUBLICATION_VALIDATE`, `PUBLICATION_VALIDATED`), never as an upload.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import { logEvent } from '../../shared/logging/log-event.js';
import { findListType } from '../../shared/publications/catalogue/list-types.js';
import { getLocation } from '../../shared/reference-data/location-queries.js';
import { mapProvenanceCourtId } from '../../shared/reference-data/provenance-lookup.js';
import { checkPublicationRequest, type IngestPublicationDependencies } from './ingest-publication-handler.js';

/** Validating needs no storage and makes no ids: it is given neither. */
export type ValidatePublicationDependencies = Pick<
  IngestPublicationDependencies,
  'verifier' | 'database' | 'publisherProvenances' | 'now'
>;

export async function handleValidatePublication(
  deps: ValidatePublicationDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const check = await checkPublicationRequest(deps, request, 'PUBLICATION_VALIDATE', context);
  if (!check.ok) {
    const refusal = check.response.jsonBody as { code?: unknown } | undefined;
    logEvent(context, 'info', 'PUBLICATION_VALIDATION_REFUSED', {
      status: check.response.status,
      code: typeof refusal?.code === 'string' ? refusal.code : null,
    });
    return check.response;
  }
  const { principal, metadata, payload } = check.publication;
  const match = await mapProvenanceCourtId(deps.database, metadata.provenance, metadata.courtId);
  const location = match.matched ? await getLocation(deps.database, match.locationId) : null;
  const listType = metadata.listType === null ? null : findListType(metadata.listType);
  const listName = listType?.kind === 'found' ? listType.listType.friendlyName : null;
  const court = match.matched
    ? { locationId: String(match.locationId), name: location?.name ?? null, welshName: location?.welshName ?? null }
    : { locationId: match.noMatchId, name: null, welshName: null };
  const warnings = match.matched
    ? []
    : [
        {
          field: 'x-court-id',
          problem:
            match.reason === 'UNKNOWN_REFERENCE'
              ? `no court is known by ${metadata.provenance} id ${metadata.courtId.trim()}: it would be published against ${match.noMatchId}, which no reader sees until an administrator maps it`
              : `${metadata.provenance} id ${metadata.courtId.trim()} is given to several courts (${match.candidates.join(', ')}): it would be published against ${match.noMatchId} until an administrator settles it`,
        },
      ];
  await recordAuditEvent(deps.database, {
    action: 'PUBLICATION_VALIDATE',
    outcome: 'SUCCESS',
    actor: principal,
    objectType: 'location',
    objectId: court.locationId,
    details: {
      provenance: metadata.provenance,
      type: metadata.type,
      listType: metadata.listType,
      courtId: metadata.courtId,
      size: payload.bytes.length,
    },
  });
  logEvent(context, 'info', 'PUBLICATION_VALIDATED', {
    provenance: metadata.provenance,
    listType: metadata.listType ?? metadata.type,
    locationId: court.locationId,
  });
  return {
    status: 200,
    headers: { 'cache-control': 'no-store' },
    jsonBody: {
      valid: true,
      type: metadata.type,
      listType: metadata.listType,
      listName,
      court: { ...court, matched: match.matched },
      provenance: metadata.provenance,
      contentDate: metadata.contentDate,
      language: metadata.language,
      sensitivity: metadata.sensitivity,
      displayFrom: metadata.displayFrom,
      displayTo: metadata.displayTo,
      isFlatFile: payload.isFlatFile,
      contentType: payload.contentType,
      fileName: payload.fileName,
      payloadSize: payload.bytes.length,
      warnings,
    },
  };
}
