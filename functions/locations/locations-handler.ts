/**
 * The locations read API for the portal and consumers (public), deletion for system administrators (audited), and
 * the court event glossary.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import { hasAnyRole, type Principal } from '../../shared/auth/principal.js';
import { inTransaction, type Database } from '../../shared/db/database.js';
import type { GlossaryStore } from '../../shared/glossary/glossary.js';
import { deleteLocation, getLocation, listLocations } from '../../shared/reference-data/location-queries.js';

export interface LocationsDependencies {
  database: Database;
  glossary: GlossaryStore;
  authenticate(request: HttpRequest): Promise<Principal | null>;
}

/** Stable log event codes. */
export const locationsEvents = {
  deleted: 'LOCATION_DELETED',
  deleteRefused: 'LOCATION_DELETE_REFUSED',
  deleteDenied: 'LOCATION_DELETE_DENIED',
  glossaryUnavailable: 'GLOSSARY_UNAVAILABLE',
  glossaryRejected: 'GLOSSARY_FILE_REJECTED',
} as const;

const problem = (status: number, code: string, message: string): HttpResponseInit => ({
  status,
  jsonBody: { code, message },
});
/** Reference data changes rarely: let browsers and the portal cache it briefly. */
const cacheable = { 'cache-control': 'public, max-age=60' };

/** `?region=London&region=North West` or `?region=London,North West`. */
function listParameter(request: HttpRequest, name: string): string[] {
  return request.query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

function locationIdOf(request: HttpRequest): number | null {
  const raw = request.params.locationId ?? '';
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  return Number.isSafeInteger(id) && id <= 2_147_483_647 ? id : null;
}

/** GET /api/locations?region=...&jurisdiction=...&language=cy */
export async function handleListLocations(
  deps: LocationsDependencies,
  request: HttpRequest,
): Promise<HttpResponseInit> {
  const language = request.query.get('language') ?? request.query.get('lng');
  const locations = await listLocations(deps.database, {
    regions: listParameter(request, 'region'),
    jurisdictions: listParameter(request, 'jurisdiction'),
    language: language === 'cy' ? 'cy' : 'en',
  });
  return { status: 200, jsonBody: locations, headers: cacheable };
}

/** GET /api/locations/{locationId} */
export async function handleGetLocation(deps: LocationsDependencies, request: HttpRequest): Promise<HttpResponseInit> {
  const locationId = locationIdOf(request);
  const location = locationId === null ? null : await getLocation(deps.database, locationId);
  if (!location) return problem(404, 'LOCATION_NOT_FOUND', `No location has the id ${request.params.locationId ?? ''}`);
  return { status: 200, jsonBody: location, headers: cacheable };
}

/** DELETE /api/locations/{locationId} (system administrators). */
export async function handleDeleteLocation(
  deps: LocationsDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const principal = await deps.authenticate(request);
  if (!principal) return problem(401, 'UNAUTHENTICATED', 'Sign in: a valid bearer token is required');
  const locationId = locationIdOf(request);
  const objectId = request.params.locationId ?? '';
  if (!hasAnyRole(principal, ['SYSTEM_ADMIN'])) {
    await recordAuditEvent(deps.database, {
      action: 'LOCATION_DELETE',
      outcome: 'DENIED',
      actor: principal,
      objectType: 'location',
      objectId,
    });
    context.warn({
      event: locationsEvents.deleteDenied,
      invocationId: context.invocationId,
      userId: principal.userId,
      locationId: objectId,
    });
    return problem(403, 'FORBIDDEN', 'Only a system administrator can delete a location');
  }
  if (locationId === null) return problem(404, 'LOCATION_NOT_FOUND', `No location has the id ${objectId}`);
  // The deletion and its audit record commit together.
  const outcome = await inTransaction(deps.database, async (client) => {
    const deletion = await deleteLocation(client, locationId);
    await recordAuditEvent(client, {
      action: 'LOCATION_DELETE',
      outcome: deletion.deleted ? 'SUCCESS' : 'FAILURE',
      actor: principal,
      objectType: 'location',
      objectId,
      details: deletion.deleted
        ? { name: deletion.location.name, referencesDeleted: deletion.referencesDeleted }
        : deletion.reason === 'HAS_LIVE_PUBLICATIONS'
          ? { reason: deletion.reason, livePublications: deletion.livePublications }
          : deletion.reason === 'HAS_SUBSCRIPTIONS'
            ? { reason: deletion.reason, subscriptions: deletion.subscriptions }
            : { reason: deletion.reason },
    });
    return deletion;
  });
  const log = { invocationId: context.invocationId, userId: principal.userId, locationId };
  if (!outcome.deleted) {
    context.warn({ event: locationsEvents.deleteRefused, ...log, reason: outcome.reason });
    switch (outcome.reason) {
      case 'NOT_FOUND':
        return problem(404, 'LOCATION_NOT_FOUND', `No location has the id ${objectId}`);
      case 'PROTECTED':
        return problem(409, 'LOCATION_PROTECTED', 'The Single Justice Procedure national location cannot be deleted');
      case 'HAS_LIVE_PUBLICATIONS': {
        const count =
          outcome.livePublications === 1 ? '1 live publication' : `${outcome.livePublications} live publications`;
        return {
          status: 409,
          jsonBody: {
            code: 'LOCATION_HAS_LIVE_PUBLICATIONS',
            message: `Location ${objectId} has ${count}; delete them, or wait until they are archived, before deleting the location`,
            details: [{ field: 'locationId', problem: `has ${count}` }],
          },
        };
      }
      case 'HAS_SUBSCRIPTIONS': {
        const count = outcome.subscriptions === 1 ? '1 subscription' : `${outcome.subscriptions} subscriptions`;
        return {
          status: 409,
          jsonBody: {
            code: 'LOCATION_HAS_SUBSCRIPTIONS',
            message: `Location ${objectId} has ${count}; the subscribers must be told and their subscriptions removed before deleting the location`,
            details: [{ field: 'locationId', problem: `has ${count}` }],
          },
        };
      }
    }
  }
  context.info({ event: locationsEvents.deleted, ...log, name: outcome.location.name });
  return {
    status: 200,
    jsonBody: {
      locationId,
      name: outcome.location.name,
      message: `Location ${outcome.location.name} (id ${locationId}) has been deleted`,
    },
  };
}

/** GET /api/glossary */
export async function handleGetGlossary(
  deps: LocationsDependencies,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const state = await deps.glossary.current();
  if (state.status === 'LOADED') return { status: 200, jsonBody: state.entries, headers: cacheable };
  context.error({ event: locationsEvents.glossaryUnavailable, invocationId: context.invocationId, ...state });
  return problem(503, 'GLOSSARY_UNAVAILABLE', 'The court event glossary is not available');
}
