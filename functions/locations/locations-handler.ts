/**
 * The locations read API for the portal and consumers (public), deletion for system administrators (audited), and
 * the court event glossary.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Database } from '../../shared/db/database.js';
import type { GlossaryStore } from '../../shared/glossary/glossary.js';
import { deleteLocationAudited, getLocation, listLocations } from '../../shared/reference-data/location-queries.js';
import { authorize, type RequestVerifier } from '../http-kit/authenticate.js';
import { problem } from '../http-kit/problem.js';
import { idParameter, listParameter, parseQuery } from '../http-kit/query.js';
import { locationsQuerySchema } from '../http-kit/query-schemas.js';
import { logEvent } from '../../shared/logging/log-event.js';

export interface LocationsDependencies {
  database: Database;
  glossary: GlossaryStore;
  verifier: RequestVerifier;
}

/** Reference data changes rarely: let browsers and the portal cache it briefly. */
const cacheable = { 'cache-control': 'public, max-age=60' };

function locationIdOf(request: HttpRequest): number | null {
  const id = idParameter.safeParse(request.params.locationId ?? '');
  return id.success ? Number(id.data) : null;
}

/** GET /api/locations?region=...&jurisdiction=...&language=cy */
export async function handleListLocations(
  deps: LocationsDependencies,
  request: HttpRequest,
): Promise<HttpResponseInit> {
  const query = parseQuery(locationsQuerySchema, {
    region: listParameter(request, 'region'),
    jurisdiction: listParameter(request, 'jurisdiction'),
    language: request.query.get('language') ?? request.query.get('lng') ?? undefined,
  });
  if (!query.ok) return query.response;
  const locations = await listLocations(deps.database, {
    regions: query.data.region,
    jurisdictions: query.data.jurisdiction,
    language: query.data.language === 'cy' ? 'cy' : 'en',
  });
  return { status: 200, jsonBody: locations, headers: cacheable };
}

/** GET /api/locations/{locationId} */
export async function handleGetLocation(deps: LocationsDependencies, request: HttpRequest): Promise<HttpResponseInit> {
  const locationId = locationIdOf(request);
  const location = locationId === null ? null : await getLocation(deps.database, locationId);
  if (!location)
    return problem(404, 'LOCATION_NOT_FOUND', `No location has the id ${request.params.locationId ?? ''}`, [
      { field: 'locationId', problem: 'no such location' },
    ]);
  return { status: 200, jsonBody: location, headers: cacheable };
}

/** DELETE /api/locations/{locationId} (system administrators). */
export async function handleDeleteLocation(
  deps: LocationsDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const objectId = request.params.locationId ?? '';
  const caller = await authorize(
    request,
    deps.verifier,
    {
      roles: ['SYSTEM_ADMIN'],
      audit: deps.database,
      action: 'LOCATION_DELETE',
      objectType: 'location',
      objectId,
      message: 'Only a system administrator can delete a location',
    },
    { logger: context, denied: 'LOCATION_DELETE_DENIED', fields: { locationId: objectId } },
  );
  if (!caller.ok) return caller.response;
  const principal = caller.principal;
  const locationId = locationIdOf(request);
  if (locationId === null)
    return problem(404, 'LOCATION_NOT_FOUND', `No location has the id ${objectId}`, [
      { field: 'locationId', problem: 'no such location' },
    ]);
  const outcome = await deleteLocationAudited(deps.database, principal, locationId);
  const log = { userId: principal.userId, locationId };
  if (!outcome.deleted) {
    logEvent(context, 'warn', 'LOCATION_DELETE_REFUSED', { ...log, reason: outcome.reason });
    switch (outcome.reason) {
      case 'NOT_FOUND':
        return problem(404, 'LOCATION_NOT_FOUND', `No location has the id ${objectId}`, [
          { field: 'locationId', problem: 'no such location' },
        ]);
      case 'PROTECTED':
        return problem(409, 'LOCATION_PROTECTED', 'The Single Justice Procedure national location cannot be deleted');
      case 'HAS_LIVE_PUBLICATIONS': {
        const count =
          outcome.livePublications === 1 ? '1 live publication' : `${outcome.livePublications} live publications`;
        return problem(
          409,
          'LOCATION_HAS_LIVE_PUBLICATIONS',
          `Location ${objectId} has ${count}; delete them, or wait until they are archived, before deleting the location`,
          [{ field: 'locationId', problem: `has ${count}` }],
        );
      }
      case 'HAS_SUBSCRIPTIONS': {
        const count = outcome.subscriptions === 1 ? '1 subscription' : `${outcome.subscriptions} subscriptions`;
        return problem(
          409,
          'LOCATION_HAS_SUBSCRIPTIONS',
          `Location ${objectId} has ${count}; the subscribers must be told and their subscriptions removed before deleting the location`,
          [{ field: 'locationId', problem: `has ${count}` }],
        );
      }
    }
  }
  logEvent(context, 'info', 'LOCATION_DELETED', { ...log, name: outcome.location.name });
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
  const state = await deps.glossary.current(context);
  if (state.status === 'LOADED') return { status: 200, jsonBody: state.entries, headers: cacheable };
  logEvent(context, 'error', 'GLOSSARY_UNAVAILABLE', state);
  return problem(503, 'GLOSSARY_UNAVAILABLE', 'The court event glossary is not available');
}
