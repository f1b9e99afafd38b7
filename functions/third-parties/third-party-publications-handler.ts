/**
 * GET /api/third-party/publications: what a registered third party may read, newest first, filtered by list type,
 * court and updated-since, paged by stable cursors (`next`). Anonymous callers get 401; a caller without a
 * third-party role, one whose client id is not registered, and a PENDING or SUSPENDED third party get 403. What they
 * read is decided by the role a system admin registered for them (the one rule, can-read-publication.ts). Every call
 * is audited as a data transfer (THIRD_PARTY_DATA_TRANSFER), refusals as DENIED.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import type { Principal } from '../../shared/auth/principal.js';
import type { Database } from '../../shared/db/database.js';
import { logEvent } from '../../shared/logging/log-event.js';
import { canReadPublication } from '../../shared/publications/access/can-read-publication.js';
import { readableScope } from '../../shared/publications/access/readable-scope.js';
import { publicationSummaryJson } from '../../shared/publications/publication.js';
import { publicationFeedPage } from '../../shared/publications/store/publication-records.js';
import { thirdPartyRoles, type ThirdParty } from '../../shared/third-parties/third-party.js';
import { findThirdPartyByClientId } from '../../shared/third-parties/third-party-store.js';
import { authorize, type RequestVerifier } from '../http-kit/authenticate.js';
import { problem } from '../http-kit/problem.js';
import { parseQuery } from '../http-kit/query.js';
import { encodeFeedCursor, thirdPartyFeedQuerySchema } from '../http-kit/query-schemas.js';

export interface ThirdPartyPublicationsDependencies {
  database: Database;
  verifier: RequestVerifier;
  now(): Date;
}

export const dataTransferAction = 'THIRD_PARTY_DATA_TRANSFER';
export const FEED_ROUTE = '/api/third-party/publications';
export const DEFAULT_FEED_PAGE = 50;

function single(request: HttpRequest, name: string): string | undefined {
  const value = request.query.get(name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

async function refuse(
  deps: Pick<ThirdPartyPublicationsDependencies, 'database'>,
  action: string,
  principal: Principal,
  reason: 'NOT_REGISTERED' | 'PENDING' | 'SUSPENDED',
  thirdPartyId: string | null,
): Promise<HttpResponseInit> {
  await recordAuditEvent(deps.database, {
    action,
    outcome: 'DENIED',
    actor: principal,
    objectType: 'third_party',
    ...(thirdPartyId === null ? {} : { objectId: thirdPartyId }),
    details: { reason },
  });
  const message =
    reason === 'NOT_REGISTERED'
      ? 'This client is not registered as a third party'
      : reason === 'PENDING'
        ? 'This third party is not active yet'
        : 'This third party is suspended';
  return problem(403, `THIRD_PARTY_${reason}`, message, [{ field: 'Authorization', problem: message }]);
}

/**
 * The registered, ACTIVE third party calling (by its token's client id): the third-party API's one door. Anonymous →
 * 401, no third-party role → 403, not registered, PENDING or SUSPENDED → 403; refusals audited under `action`.
 */
export async function callingThirdParty(
  deps: Pick<ThirdPartyPublicationsDependencies, 'database' | 'verifier'>,
  request: HttpRequest,
  action: string,
  message: string,
): Promise<{ ok: true; principal: Principal; thirdParty: ThirdParty } | { ok: false; response: HttpResponseInit }> {
  const caller = await authorize(request, deps.verifier, {
    roles: thirdPartyRoles,
    audit: deps.database,
    action,
    objectType: 'third_party',
    message,
  });
  if (!caller.ok) return caller;
  const principal = caller.principal;
  const thirdParty = await findThirdPartyByClientId(deps.database, principal.userId);
  if (thirdParty === null)
    return { ok: false, response: await refuse(deps, action, principal, 'NOT_REGISTERED', null) };
  if (thirdParty.status !== 'ACTIVE')
    return { ok: false, response: await refuse(deps, action, principal, thirdParty.status, thirdParty.thirdPartyId) };
  return { ok: true, principal, thirdParty };
}

/** GET api/third-party/publications */
export async function handleThirdPartyPublications(
  deps: ThirdPartyPublicationsDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const calling = await callingThirdParty(
    deps,
    request,
    dataTransferAction,
    'Only a registered third party can read this feed',
  );
  if (!calling.ok) return calling.response;
  const { principal, thirdParty } = calling;

  const query = parseQuery(thirdPartyFeedQuerySchema, {
    listType: single(request, 'listType'),
    locationId: single(request, 'locationId'),
    updatedSince: single(request, 'updatedSince'),
    limit: single(request, 'limit'),
    cursor: single(request, 'cursor'),
  });
  if (!query.ok) return query.response;
  const { listType, locationId, updatedSince, cursor } = query.data;
  const limit = query.data.limit ?? DEFAULT_FEED_PAGE;

  // What they read is what the registration says, whatever roles their token carries.
  const reader: Principal = { ...principal, roles: [thirdParty.role] };
  const scope = readableScope(reader);
  const now = deps.now();
  const rows = await publicationFeedPage(deps.database, {
    listType: listType ?? null,
    locationId: locationId ?? null,
    updatedSince: updatedSince ?? null,
    ...scope,
    now,
    after: cursor ?? null,
    limit,
  });
  const page = rows.slice(0, limit).filter((row) => canReadPublication(reader, row.publication, now).allowed);
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  let next: string | null = null;
  if (last !== undefined) {
    const params = new URLSearchParams();
    if (listType !== undefined) params.set('listType', listType);
    if (locationId !== undefined) params.set('locationId', locationId);
    if (updatedSince !== undefined) params.set('updatedSince', updatedSince.toISOString());
    params.set('limit', String(limit));
    params.set('cursor', encodeFeedCursor(last.position));
    next = `${FEED_ROUTE}?${params.toString()}`;
  }
  const items = page.map(({ publication }) => ({
    ...publicationSummaryJson(publication),
    locationId: publication.locationId,
    links: {
      self: `/api/publication/${publication.artefactId}`,
      ...(publication.isFlatFile
        ? { file: `/api/publication/${publication.artefactId}/file` }
        : { payload: `/api/publication/${publication.artefactId}/payload` }),
    },
  }));
  const filter = {
    ...(listType === undefined ? {} : { listType }),
    ...(locationId === undefined ? {} : { locationId }),
    ...(updatedSince === undefined ? {} : { updatedSince: updatedSince.toISOString() }),
  };
  await recordAuditEvent(deps.database, {
    action: dataTransferAction,
    outcome: 'SUCCESS',
    actor: principal,
    objectType: 'third_party',
    objectId: thirdParty.thirdPartyId,
    details: {
      filter,
      limit,
      cursor: cursor !== undefined,
      returned: items.length,
      artefactIds: items.map((item) => item.artefactId),
      sensitivities: [...new Set(items.map((item) => item.sensitivity))].sort(),
    },
  });
  logEvent(context, 'info', 'THIRD_PARTY_FEED_READ', {
    thirdPartyId: thirdParty.thirdPartyId,
    returned: items.length,
  });
  return {
    status: 200,
    jsonBody: { items, next },
    headers: {
      'cache-control': 'private, no-store',
      ...(next === null ? {} : { link: `<${next}>; rel="next"` }),
    },
  };
}
