/**
 * The feed in-court screens poll: a court's latest live case status, served from a bounded in-memory cache with an
 * ETag, so thousands of screens polling every few seconds cost the database one query per court per cache period.
 * No sign-in (screens are unattended); only PUBLIC updates inside their display window are served. A screen reaches
 * it through a signed screen link (shared/publications/access/screen-links.ts); admins get a court's link from
 * GET /api/live-case-status/{locationId}/screen-url.
 *
 * Ids that are not courts of ours are answered 404 from a set of court ids loaded once per period, never with a
 * query per request, and never take a place in the cache: walking ids cannot grow it or load the database.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { ContainerClient } from '@azure/storage-blob';
import { LRUCache } from 'lru-cache';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import { adminRoles } from '../../shared/auth/principal.js';
import type { Database } from '../../shared/db/database.js';
import {
  courtIdFromSignedScreenToken,
  signScreenToken,
  type ScreenLinkKeys,
} from '../../shared/publications/access/screen-links.js';
import { latestLiveCaseStatus } from '../../shared/publications/store/publication-records.js';
import { allCourtIds, courtExists } from '../../shared/reference-data/location-queries.js';
import { downloadIfPresent } from '../../shared/storage/read-blob.js';
import { logEvent } from '../../shared/logging/log-event.js';
import { authorize, type RequestVerifier } from '../http-kit/authenticate.js';
import { problem } from '../http-kit/problem.js';
import { MAX_INTEGER_ID } from '../http-kit/query.js';

export const FEED_CACHE_SECONDS = 15;
/** At most this many courts' statuses are held; the least recently read goes first. */
export const FEED_CACHE_MAX_COURTS = 5_000;
/** How long the set of court ids is trusted before it is loaded again (a court added by an import waits this long). */
export const KNOWN_COURTS_REFRESH_SECONDS = 300;

export interface FeedEntry {
  etag: string;
  body: Buffer;
}

/** A court's cached answer: its status, or null for "no live updates now" (also worth caching). */
export interface CachedFeed {
  entry: FeedEntry | null;
}

export interface FeedCache {
  statuses: LRUCache<number, CachedFeed>;
  knownCourts: { ids: ReadonlySet<number>; loadedAt: number } | null;
  /** The load of the court ids in flight, shared by the requests that wait for it. */
  loadingCourts: Promise<ReadonlySet<number>> | null;
}

/** One cache per instance, on the instance's clock (`now`), bounded in entries and in age. */
export function createFeedCache(now: () => Date): FeedCache {
  return {
    statuses: new LRUCache<number, CachedFeed>({
      max: FEED_CACHE_MAX_COURTS,
      ttl: FEED_CACHE_SECONDS * 1000,
      ttlAutopurge: false,
      perf: { now: () => now().getTime() },
    }),
    knownCourts: null,
    loadingCourts: null,
  };
}

export interface LiveCaseFeedDependencies {
  database: Database;
  publications: ContainerClient;
  now(): Date;
  cache: FeedCache;
  screenLinkKeys: ScreenLinkKeys;
}

export interface ScreenUrlDependencies {
  database: Database;
  verifier: RequestVerifier;
  screenLinkKeys: ScreenLinkKeys;
}

async function knownCourtIds(deps: LiveCaseFeedDependencies): Promise<ReadonlySet<number>> {
  const { cache } = deps;
  const nowMs = deps.now().getTime();
  if (cache.knownCourts && nowMs - cache.knownCourts.loadedAt < KNOWN_COURTS_REFRESH_SECONDS * 1000) {
    return cache.knownCourts.ids;
  }
  cache.loadingCourts ??= allCourtIds(deps.database)
    .then((ids) => {
      cache.knownCourts = { ids, loadedAt: nowMs };
      return ids;
    })
    .finally(() => {
      cache.loadingCourts = null;
    });
  return cache.loadingCourts;
}

async function loadFeed(
  deps: LiveCaseFeedDependencies,
  locationId: number,
  context: InvocationContext | undefined,
): Promise<FeedEntry | null> {
  const row = await latestLiveCaseStatus(deps.database, locationId, deps.now());
  if (!row) return null;
  const body = await downloadIfPresent(deps.publications.getBlobClient(row.blobName));
  if (body === null) {
    // Superseded between the query and the download (the next poll finds the new version), or lost by storage:
    // answered as "no live updates now", and logged for operators.
    if (context)
      logEvent(context, 'error', 'LIVE_CASE_STATUS_BLOB_MISSING', {
        artefactId: row.artefactId,
        blobName: row.blobName,
        locationId,
      });
    return null;
  }
  return { etag: `"${row.artefactId}-${row.lastReceivedAt.getTime()}"`, body };
}

/** One answer for every refusal (a bad link, an id that is no court): nothing says which it was. */
const noSuchScreen = (): HttpResponseInit =>
  problem(404, 'NOT_FOUND', 'No such court screen', [{ field: 'locationId', problem: 'names no court screen' }]);

const isCourtId = (value: number): boolean => Number.isSafeInteger(value) && value > 0 && value <= MAX_INTEGER_ID;

export async function handleLiveCaseFeed(
  deps: LiveCaseFeedDependencies,
  request: HttpRequest,
  locationId: number | null,
  context?: InvocationContext,
): Promise<HttpResponseInit> {
  if (locationId === null || !isCourtId(locationId) || !(await knownCourtIds(deps)).has(locationId)) {
    return noSuchScreen();
  }
  let cached = deps.cache.statuses.get(locationId);
  if (!cached) {
    cached = { entry: await loadFeed(deps, locationId, context) };
    deps.cache.statuses.set(locationId, cached);
  }
  const headers = { 'cache-control': `public, max-age=${FEED_CACHE_SECONDS}` };
  const entry = cached.entry;
  if (!entry) {
    return problem(
      404,
      'NO_LIVE_CASE_STATUS',
      'There are no live case updates for this court now',
      [{ field: 'locationId', problem: 'has no live case updates now' }],
      { headers },
    );
  }
  if (request.headers.get('if-none-match') === entry.etag)
    return { status: 304, headers: { ...headers, etag: entry.etag } };
  return {
    status: 200,
    headers: { ...headers, etag: entry.etag, 'content-type': 'application/json' },
    body: entry.body,
  };
}

/** The court a screen link names; null (then 404, no hint why) for anything but a link signed by a held key. */
export function screenLocationId(token: string, keys: ScreenLinkKeys): number | null {
  return courtIdFromSignedScreenToken(token, keys);
}

/**
 * GET /api/live-case-status/{locationId}/screen-url: a court's signed screen link, for admins. Handing one out is
 * audited: whoever holds the link can show the court's feed.
 */
export async function handleScreenUrl(
  deps: ScreenUrlDependencies,
  request: HttpRequest,
  locationId: number,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const objectId = String(locationId);
  const caller = await authorize(request, deps.verifier, {
    roles: adminRoles,
    audit: deps.database,
    action: 'SCREEN_LINK_ISSUE',
    objectType: 'location',
    objectId,
    message: 'Only an administrator can get a court screen link',
  });
  if (!caller.ok) return caller.response;
  if (!isCourtId(locationId) || !(await courtExists(deps.database, locationId))) {
    return problem(404, 'LOCATION_NOT_FOUND', `No court has the id ${objectId}`, [
      { field: 'locationId', problem: 'is not a court' },
    ]);
  }
  const token = signScreenToken(locationId, deps.screenLinkKeys);
  await recordAuditEvent(deps.database, {
    action: 'SCREEN_LINK_ISSUE',
    outcome: 'SUCCESS',
    actor: caller.principal,
    objectType: 'location',
    objectId,
    details: { keyId: deps.screenLinkKeys.signingKeyId },
  });
  logEvent(context, 'info', 'SCREEN_LINK_ISSUED', { locationId, keyId: deps.screenLinkKeys.signingKeyId });
  const url = new URL(`/api/live-case-status/screen/${token}`, request.url).toString();
  return { status: 200, jsonBody: { url }, headers: { 'cache-control': 'no-store' } };
}
