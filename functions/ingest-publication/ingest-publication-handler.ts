/**
 * POST /api/publication: a publisher's token, headers and payload are validated; what is accepted is stored byte for
 * byte in Blob Storage with its metadata, and the caller gets 202 with a submission to follow. Nothing is stored
 * for a request that fails any check.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { ContainerClient } from '@azure/storage-blob';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import { adminRoles, hasAnyRole } from '../../shared/auth/principal.js';
import type { PublisherProvenances } from '../../shared/config/settings.js';
import type { Database } from '../../shared/db/database.js';
import { logEvent, type EventLogger } from '../../shared/logging/log-event.js';
import { provenancePermission } from '../../shared/publications/intake/provenance-permission.js';
import {
  MANUAL_UPLOAD_PROVENANCE,
  validatePublicationHeaders,
  type PublicationMetadata,
} from '../../shared/publications/intake/publication-headers.js';
import { findSubmission } from '../../shared/publications/store/submissions.js';
import {
  acceptExcelList,
  acceptJsonPayload,
  acceptUploadedFile,
  excelTableFor,
  refuseFileFor,
  type PayloadAcceptance,
  type PayloadRefusal,
} from '../../shared/publications/intake/accept-payload.js';
import { problemCountMessage } from '../../shared/publications/intake/json-payload.js';
import {
  storeAcceptedPublication,
  type AcceptedPublication,
} from '../../shared/publications/intake/store-accepted-publication.js';
import { XLSX_CONTENT_TYPE } from '../../shared/publications/intake/excel-workbook.js';
import { authenticate, authorize, type RequestVerifier } from '../http-kit/authenticate.js';
import { problem, type ProblemDetail } from '../http-kit/problem.js';
import { bodyLimits, bufferedRequest, readCappedBody } from '../http-kit/read-body.js';
import { parseContentType } from '../http-kit/content-type.js';

export interface IngestPublicationDependencies {
  verifier: RequestVerifier;
  database: Database;
  publications: ContainerClient;
  /** PUBLISHER_PROVENANCES: the sources each publisher client may publish as. */
  publisherProvenances: PublisherProvenances;
  now(): Date;
  newId(): string;
}

/** The error body (the kit's problem); when problems were too many to list, the message gives the total. */
function failure(
  status: number,
  code: string,
  message: string,
  details: ProblemDetail[] = [],
  omitted = 0,
): HttpResponseInit {
  return problem(status, code, omitted > 0 ? problemCountMessage(message, details.length, omitted) : message, details, {
    omittedDetails: omitted,
  });
}

type Payload = PayloadAcceptance | { ok: false; response: HttpResponseInit };

const refusalResponse = ({ status, code, message, details, omitted }: PayloadRefusal): HttpResponseInit =>
  failure(status, code, message, details, omitted);

/**
 * Reads the body (`bytes`, read under the cap) by its content type; what it holds is judged by intake
 * (shared/publications/intake). A JSON or workbook body is judged from the bytes as they are; only a multipart body
 * is parsed as a request again.
 */
async function readPayload(request: HttpRequest, bytes: Uint8Array, metadata: PublicationMetadata): Promise<Payload> {
  const contentType = request.headers.get('content-type') ?? '';
  const { mediaType, charset } = parseContentType(contentType);
  if (mediaType === 'multipart/form-data') {
    const notAFile = refuseFileFor(metadata);
    if (notAFile) return { ok: false, response: refusalResponse(notAFile) };
    let form: FormData;
    try {
      form = await bufferedRequest(request, bytes).formData();
    } catch {
      return {
        ok: false,
        response: failure(400, 'INVALID_MULTIPART', 'The multipart body could not be read', [
          { field: 'body', problem: 'is not valid multipart/form-data' },
        ]),
      };
    }
    const files = [...form.values()].filter((value) => typeof value !== 'string');
    const [file] = files;
    if (file === undefined || files.length !== 1) {
      return {
        ok: false,
        response: failure(400, 'INVALID_MULTIPART', 'Send exactly one file', [
          { field: 'file', problem: `expected one file, found ${files.length}` },
        ]),
      };
    }
    // A workbook for a non-strategic list type becomes that list's JSON; any other file is published as it is.
    return acceptUploadedFile(new Uint8Array(await file.arrayBuffer()), file.name, file.type, metadata);
  }
  if (mediaType === XLSX_CONTENT_TYPE) {
    const notAFile = refuseFileFor(metadata);
    if (notAFile) return { ok: false, response: refusalResponse(notAFile) };
    if (excelTableFor(metadata) !== null) {
      return acceptExcelList(bytes, 'publication.xlsx', metadata);
    }
    return {
      ok: false,
      response: failure(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'An Excel workbook body is converted only for a non-strategic list type; send other files as multipart/form-data',
        [{ field: 'content-type', problem: 'is an Excel workbook, but x-list-type is not a non-strategic list type' }],
      ),
    };
  }
  // Exactly application/json (with no charset, or UTF-8); a missing Content-Type is read as JSON.
  if (mediaType === '' || (mediaType === 'application/json' && (charset === null || /^utf-?8$/.test(charset)))) {
    return acceptJsonPayload(bytes, metadata);
  }
  return {
    ok: false,
    response: failure(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Send application/json (UTF-8), multipart/form-data with one file, or an Excel workbook for a non-strategic list',
      [{ field: 'content-type', problem: `content-type ${JSON.stringify(contentType.slice(0, 100))} is not accepted` }],
    ),
  };
}

/** A request every check has passed: what would be published, by whom, as received at `now`. */
export type CheckedPublication = AcceptedPublication;

export type PublicationCheck =
  { ok: true; publication: CheckedPublication } | { ok: false; response: HttpResponseInit };

/**
 * Every check POST /api/publication makes before it stores anything, in its order: the caller's token and role (a
 * refusal audited as `action`), the body's size, the headers, the provenance the caller may use, and the payload.
 * POST /api/publication/validate runs exactly this and stores nothing.
 */
export async function checkPublicationRequest(
  deps: Pick<IngestPublicationDependencies, 'verifier' | 'database' | 'publisherProvenances' | 'now'>,
  request: HttpRequest,
  action: 'PUBLICATION_UPLOAD' | 'PUBLICATION_VALIDATE',
  logger: EventLogger,
): Promise<PublicationCheck> {
  const refused = (response: HttpResponseInit): PublicationCheck => ({ ok: false, response });
  const caller = await authorize(request, deps.verifier, {
    roles: ['PUBLISHER', ...adminRoles],
    audit: deps.database,
    action,
    details: { reason: 'not a publisher' },
    message: 'This caller may not publish',
  });
  if (!caller.ok) return refused(caller.response);
  const principal = caller.principal;
  // Read under a cap: a chunked upload without Content-Length is refused as early as a declared one.
  const body = await readCappedBody(request, bodyLimits.ingestion);
  if (!body.ok) {
    return refused(
      body.reason === 'TOO_LARGE'
        ? failure(413, 'PAYLOAD_TOO_LARGE', 'Publications may be at most 2 MB', [
            { field: 'body', problem: 'is larger than 2 MB' },
          ])
        : failure(400, 'INVALID_BODY', 'The body could not be read', [{ field: 'body', problem: 'is unreadable' }]),
    );
  }
  const now = deps.now();
  const headers = validatePublicationHeaders(request.headers, now);
  if (!headers.ok) {
    return refused(failure(400, 'INVALID_HEADERS', 'One or more headers are missing or invalid', headers.details));
  }
  const metadata = headers.metadata;
  const isManualUpload = metadata.provenance.toUpperCase() === MANUAL_UPLOAD_PROVENANCE;
  const permission = provenancePermission(deps.publisherProvenances, principal, metadata.provenance);
  if (!permission.allowed) {
    // Audited as requireRole audits a missing role: a caller trying to write as a source it is not.
    await recordAuditEvent(deps.database, {
      action,
      outcome: 'DENIED',
      actor: principal,
      objectType: 'provenance',
      objectId: metadata.provenance.toUpperCase(),
      details: { reason: permission.reason, courtId: metadata.courtId },
    });
    logEvent(logger, 'warn', 'PUBLICATION_PROVENANCE_REFUSED', {
      userId: principal.userId,
      provenance: metadata.provenance.toUpperCase(),
      reason: permission.reason,
    });
    return refused(
      failure(403, 'PROVENANCE_NOT_ALLOWED', permission.message, [
        { field: 'x-provenance', problem: 'is not allowed for this caller' },
      ]),
    );
  }
  const payload = await readPayload(request, body.bytes, metadata);
  if (!payload.ok) return refused('refusal' in payload ? refusalResponse(payload.refusal) : payload.response);
  return {
    ok: true,
    publication: {
      principal,
      metadata: { ...metadata, provenance: isManualUpload ? MANUAL_UPLOAD_PROVENANCE : metadata.provenance },
      payload,
      now,
    },
  };
}

export async function handleIngestPublication(
  deps: IngestPublicationDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const check = await checkPublicationRequest(deps, request, 'PUBLICATION_UPLOAD', context);
  if (!check.ok) return check.response;
  const outcome = await storeAcceptedPublication(deps, check.publication, context);
  if (!outcome.ok) return failure(503, 'STORAGE_UNAVAILABLE', 'The publication could not be stored; send it again');
  const { submissionId } = outcome;
  const location = `/api/publication/submissions/${submissionId}`;
  return { status: 202, headers: { location }, jsonBody: { submissionId, status: 'pending', location } };
}

export interface SubmissionStatusDependencies {
  verifier: RequestVerifier;
  database: Database;
}

/** GET /api/publication/submissions/{id}: the submitter (or an admin) follows a submission to its outcome. */
export async function handleSubmissionStatus(
  deps: SubmissionStatusDependencies,
  request: HttpRequest,
): Promise<HttpResponseInit> {
  const verification = await authenticate(request, deps.verifier);
  if (!verification.ok) return verification.response;
  const row = await findSubmission(deps.database, request.params.submissionId ?? '');
  // Someone else's submission is answered as not found, so ids cannot be probed.
  if (!row || (row.submittedBy !== verification.principal.userId && !hasAnyRole(verification.principal, adminRoles))) {
    return failure(404, 'NOT_FOUND', 'No such submission', [{ field: 'submissionId', problem: 'no such submission' }]);
  }
  return {
    status: 200,
    jsonBody: {
      status: row.status,
      artefactId: row.artefactId,
      locationId: row.locationId,
      supersededCount: row.supersededCount,
      error: row.error,
    },
  };
}
