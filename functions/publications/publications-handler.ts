/**
 * The publications read API: a publication's metadata, JSON payload and flat file; the summary of a court's
 * publications; publications stored against unknown courts (admins); and deletion (admins, audited).
 *
 * Anonymous callers read PUBLIC lists; a bearer token (a person's or a service's) is verified with the same verifier
 * as every API, and an invalid one is refused (401), never treated as anonymous. A publication the caller may not
 * read is answered exactly as one that does not exist (404), so its existence is not revealed. Reads of PRIVATE,
 * CLASSIFIED and INTERNAL lists, allowed or not, are audited as RESTRICTED_LIST_ACCESS. A registered third party
 * reads what its registration allows, as in its feed (GET /api/third-party/publications), and every read by a third
 * party's token, of any list, is audited as a data transfer (THIRD_PARTY_DATA_TRANSFER, `objectType: publication`).
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { ContainerClient } from '@azure/storage-blob';
import { canReadPublication } from '../../shared/publications/access/can-read-publication.js';
import type { AnonymousAudit } from '../../shared/audit/anonymous-audit.js';
import { recordAuditEvent, type AuditEvent } from '../../shared/audit/audit-log.js';
import { adminRoles, type Principal } from '../../shared/auth/principal.js';
import type { Database } from '../../shared/db/database.js';
import { publicationJson, publicationSummaryJson, type Publication } from '../../shared/publications/publication.js';
import {
  findLivePublication,
  liveNoMatchPublications,
  livePublicationsAt,
  restrictedCaseNumbersOf,
} from '../../shared/publications/store/publication-records.js';
import { courtExists } from '../../shared/reference-data/location-queries.js';
import { downloadIfPresent } from '../../shared/storage/read-blob.js';
import { feedBodyWithRestrictions } from '../../shared/court-screens/reporting-restrictions.js';
import { authenticateOptional, authorize, type RequestVerifier } from '../http-kit/authenticate.js';
import { problem } from '../http-kit/problem.js';
import { parseQuery } from '../http-kit/query.js';
import { publicationSummaryQuerySchema } from '../http-kit/query-schemas.js';
import { contentDisposition } from '../http-kit/content-disposition.js';
import { logEvent } from '../../shared/logging/log-event.js';
import { removePublication } from '../../shared/publications/remove-publication.js';
import type { PushAnnouncer } from '../../shared/third-parties/push-delivery.js';
import { registeredReader } from '../../shared/third-parties/third-party-store.js';

export interface PublicationsDependencies {
  verifier: RequestVerifier;
  database: Database;
  publications: ContainerClient;
  /** Tells subscribed third parties of a deletion (issue 15). */
  pushes?: PushAnnouncer;
  now(): Date;
  /** Where an anonymous caller's refused read is audited, aggregated (issue 18); without it, one row each. */
  anonymousAudit?: AnonymousAudit;
}

const notFound = (artefactId: string): HttpResponseInit =>
  problem(404, 'PUBLICATION_NOT_FOUND', `No publication has the id ${artefactId}`, [
    { field: 'artefactId', problem: 'no such publication' },
  ]);

/** Restricted lists must not linger in shared caches; public ones may be revalidated. */
const cacheHeaders = (record: Publication): Record<string, string> => ({
  'cache-control': record.sensitivity === 'PUBLIC' ? 'no-cache' : 'private, no-store',
});

type Part = 'metadata' | 'payload' | 'file';

/** The publication, if this caller may read it; the read is audited when the list is restricted. */
async function readable(
  deps: PublicationsDependencies,
  request: HttpRequest,
  context: InvocationContext,
  part: Part,
): Promise<{ ok: true; record: Publication } | { ok: false; response: HttpResponseInit }> {
  const authenticated = await authenticateOptional(request, deps.verifier);
  if (!authenticated.ok) return authenticated;
  // A registered third party reads what its registration allows (its role; nothing restricted when not ACTIVE).
  const caller: { principal: Principal | null; thirdPartyId?: string | null } =
    authenticated.principal === null
      ? { principal: null }
      : await registeredReader(deps.database, authenticated.principal);
  const artefactId = request.params.artefactId ?? '';
  const record = await findLivePublication(deps.database, artefactId);
  if (!record) return { ok: false, response: notFound(artefactId) };
  const decision = canReadPublication(caller.principal, record, deps.now());
  const restricted = record.sensitivity !== 'PUBLIC';
  if (restricted) {
    const audit = (event: AuditEvent) =>
      caller.principal === null && deps.anonymousAudit !== undefined
        ? deps.anonymousAudit.record(event)
        : recordAuditEvent(deps.database, event);
    await audit({
      action: 'RESTRICTED_LIST_ACCESS',
      outcome: decision.allowed ? 'SUCCESS' : 'DENIED',
      actor: caller.principal,
      objectType: 'publication',
      objectId: record.artefactId,
      details: {
        part,
        sensitivity: record.sensitivity,
        listType: record.listType,
        locationId: record.locationId,
        ...(decision.allowed ? { grant: decision.grant } : { reason: decision.reason }),
      },
    });
  }
  if (caller.principal !== null && caller.thirdPartyId !== undefined) {
    // A third party's read, of any list, is a data transfer to it (as its feed's pages and its pushes are).
    await recordAuditEvent(deps.database, {
      action: 'THIRD_PARTY_DATA_TRANSFER',
      outcome: decision.allowed ? 'SUCCESS' : 'DENIED',
      actor: caller.principal,
      objectType: 'publication',
      objectId: record.artefactId,
      details: {
        thirdPartyId: caller.thirdPartyId,
        part,
        sensitivity: record.sensitivity,
        listType: record.listType,
        locationId: record.locationId,
        ...(decision.allowed ? {} : { reason: decision.reason }),
      },
    });
  }
  if (!decision.allowed) {
    logEvent(context, 'info', 'PUBLICATION_READ_DENIED', {
      artefactId: record.artefactId,
      userId: caller.principal?.userId ?? null,
      reason: decision.reason,
    });
    return { ok: false, response: notFound(artefactId) };
  }
  return { ok: true, record };
}

async function download(
  deps: PublicationsDependencies,
  record: Publication,
  context: InvocationContext,
): Promise<Buffer | null> {
  const bytes = await downloadIfPresent(deps.publications.getBlobClient(record.blobName));
  if (bytes === null) {
    // The row is live but its blob is gone (deleted or superseded meanwhile, or storage lost it): an error for
    // operators, a clear 404 for the caller. Any other storage failure is unexpected and throws.
    logEvent(context, 'error', 'PUBLICATION_BLOB_MISSING', {
      artefactId: record.artefactId,
      blobName: record.blobName,
    });
  }
  return bytes;
}

const noLongerAvailable = (artefactId: string): HttpResponseInit =>
  problem(
    404,
    'PUBLICATION_NO_LONGER_AVAILABLE',
    `Publication ${artefactId} is no longer available: its stored content cannot be read`,
    [{ field: 'artefactId', problem: 'stored content missing' }],
  );

/** GET api/publication/{artefactId} */
export async function handleGetPublication(
  deps: PublicationsDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const read = await readable(deps, request, context, 'metadata');
  if (!read.ok) return read.response;
  return { status: 200, jsonBody: publicationJson(read.record), headers: cacheHeaders(read.record) };
}

/**
 * GET api/publication/{artefactId}/payload: the JSON exactly as it was received; for a live case status update, as the
 * screens' feed serves it, with each case under reporting restrictions named by the wording, never by its name
 * (shared/court-screens/reporting-restrictions.ts).
 */
export async function handleGetPublicationPayload(
  deps: PublicationsDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const read = await readable(deps, request, context, 'payload');
  if (!read.ok) return read.response;
  const record = read.record;
  if (record.isFlatFile) {
    return problem(404, 'NOT_A_JSON_PUBLICATION', 'This publication is a file: read it at /file', [
      { field: 'artefactId', problem: 'is a flat file' },
    ]);
  }
  const stored = await download(deps, record, context);
  if (stored === null) return noLongerAvailable(record.artefactId);
  const bytes =
    record.type === 'LCSU'
      ? feedBodyWithRestrictions(stored, new Set(await restrictedCaseNumbersOf(deps.database, record.artefactId)))
      : stored;
  if (bytes === null) {
    logEvent(context, 'error', 'LIVE_CASE_STATUS_UNREADABLE', {
      artefactId: record.artefactId,
      locationId: record.locationId,
    });
    return noLongerAvailable(record.artefactId);
  }
  return {
    status: 200,
    body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
    headers: { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', ...cacheHeaders(record) },
  };
}

/** GET api/publication/{artefactId}/file: a flat file with its own content type, never rendered as our page. */
export async function handleGetPublicationFile(
  deps: PublicationsDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const read = await readable(deps, request, context, 'file');
  if (!read.ok) return read.response;
  const record = read.record;
  if (!record.isFlatFile) {
    return problem(404, 'NOT_A_FLAT_FILE', 'This publication is a JSON list: read it at /payload', [
      { field: 'artefactId', problem: 'is not a flat file' },
    ]);
  }
  const bytes = await download(deps, record, context);
  if (bytes === null) return noLongerAvailable(record.artefactId);
  return {
    status: 200,
    body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
    headers: {
      'content-type': record.contentType,
      'content-disposition': contentDisposition(
        record.fileName ?? `publication-${record.artefactId}`,
        record.contentType,
      ),
      'x-content-type-options': 'nosniff',
      // An HTML file opened directly still runs nothing and reaches nothing.
      'content-security-policy': "default-src 'none'; sandbox",
      ...cacheHeaders(record),
    },
  };
}

/** GET api/publications?locationId=...: what this caller may read at a court now, with the catalogue's list names. */
export async function handleListPublications(
  deps: PublicationsDependencies,
  request: HttpRequest,
): Promise<HttpResponseInit> {
  const caller = await authenticateOptional(request, deps.verifier);
  if (!caller.ok) return caller.response;
  const query = parseQuery(publicationSummaryQuerySchema, { locationId: request.query.get('locationId') ?? undefined });
  if (!query.ok) return query.response;
  const locationId = Number(query.data.locationId);
  if (!(await courtExists(deps.database, locationId))) {
    return problem(404, 'LOCATION_NOT_FOUND', `No location has the id ${query.data.locationId}`, [
      { field: 'locationId', problem: 'no such location' },
    ]);
  }
  const now = deps.now();
  const records = (await livePublicationsAt(deps.database, String(locationId))).filter(
    (record) => canReadPublication(caller.principal, record, now).allowed,
  );
  return {
    status: 200,
    jsonBody: records.map(publicationSummaryJson),
    headers: { 'cache-control': caller.principal === null ? 'no-cache' : 'private, no-store' },
  };
}

/** GET api/publication/no-match (admins): publications stored against courts the reference data does not know. */
export async function handleListNoMatch(
  deps: PublicationsDependencies,
  request: HttpRequest,
): Promise<HttpResponseInit> {
  const caller = await authorize(request, deps.verifier, {
    roles: adminRoles,
    audit: deps.database,
    action: 'PUBLICATION_NO_MATCH_LIST',
    objectType: 'publication',
    message: 'Only administrators can do this',
  });
  if (!caller.ok) return caller.response;
  // An admin sees only what the access rules let them read (a CLASSIFIED list of a provenance they may not read stays
  // hidden here as everywhere else).
  const now = deps.now();
  const records = (await liveNoMatchPublications(deps.database)).filter(
    (record) => canReadPublication(caller.principal, record, now).allowed,
  );
  return { status: 200, jsonBody: records.map(publicationJson), headers: { 'cache-control': 'private, no-store' } };
}

/** DELETE api/publication/{artefactId} (admins): the row, then its blob; audited (shared/publications/remove-publication.ts). */
export async function handleDeletePublication(
  deps: PublicationsDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const artefactId = request.params.artefactId ?? '';
  const caller = await authorize(request, deps.verifier, {
    roles: adminRoles,
    audit: deps.database,
    action: 'PUBLICATION_DELETE',
    objectType: 'publication',
    objectId: artefactId,
    message: 'Only administrators can delete a publication',
  });
  if (!caller.ok) return caller.response;
  const deleted = await removePublication(deps, artefactId, caller.principal, context, 'API');
  if (!deleted) return notFound(artefactId);
  return { status: 200, jsonBody: { artefactId, message: `Publication ${artefactId} has been deleted` } };
}
