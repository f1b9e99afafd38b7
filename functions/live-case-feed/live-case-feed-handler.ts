/**
 * The feed in-court screens poll: a court's latest live case status, served from a bounded in-memory cache with an
 * ETag, so thousands of screens polling every few seconds cost the database one query per court per cache period.
 * No sign-in (screens are unattended); only PUBLIC updates inside their display window are served. A screen reaches
 * it through a signed screen link (shared/publications/access/screen-links.ts); admins get a court's link from
 * GET /api/live-case-status/{locationId}/screen-url.
 *
 * Ids that are not courts of ours are answered 404 from a set of court ids loaded once per period, never with a
 * query per request, and never take a place in the cache: walking ids cannot grow it or load the database. The same
 * load brings each court's screen refresh period (shared/court-screens/screen-settings.ts), which is the answer's
 * `Cache-Control: max-age`.
 *
 * A case under reporting restrictions (shared/court-screens/reporting-restrictions.ts) is served with its `caseName`
 * replaced by "Reporting restrictions apply to this case" and `reportingRestrictions: true`; its name never leaves.
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
import { allScreenRefreshPeriods } from '../../shared/court-screens/screen-settings.js';
import { readLiveStatus } from '../../shared/court-screens/live-status-read.js';
import { feedBodyWithRestrictions } from '../../shared/court-screens/reporting-restrictions.js';
import { courtExists } from '../../shared/reference-data/location-queries.js';
import { logEvent } from '../../shared/logging/log-event.js';
import { authorize, type RequestVerifier } from '../http-kit/authenticate.js';
import { problem } from '../http-kit/problem.js';
import { MAX_INTEGER_ID } from '../http-kit/query.js';

/**
 * How long a court's status is held. Never more than the shortest screen refresh period (15 s,
 * MIN_SCREEN_REFRESH_SECONDS), so a screen never reloads onto an answer older than its own period.
 */
export const FEED_CACHE_SECONDS = 15;
/** At most this many courts' statuses are held; the least recently read goes first. */
export const FEED_CACHE_MAX_COURTS = 5_000;
/**
 * How long the court ids and their refresh periods are trusted before they are loaded again (a court added by an
 * import, or a period a system admin changed, waits this long).
 */
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
  /** Every court id, with its screen refresh period in seconds. */
  knownCourts: { periods: ReadonlyMap<number, number>; loadedAt: number } | null;
  /** The load of the court ids in flight, shared by the requests that wait for it. */
  loadingCourts: Promise<ReadonlyMap<number, number>> | null;
  /**
   * Each court's status load in flight, shared by the requests that miss the cache meanwhile: when a court's entry
   * ends, the screens polling it cost one read, not one each.
   */
  loadingStatuses: Map<number, Promise<CachedFeed>>;
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
    loadingStatuses: new Map(),
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

async function knownCourts(deps: LiveCaseFeedDependencies): Promise<ReadonlyMap<number, number>> {
  const { cache } = deps;
  const nowMs = deps.now().getTime();
  if (cache.knownCourts && nowMs - cache.knownCourts.loadedAt < KNOWN_COURTS_REFRESH_SECONDS * 1000) {
    return cache.knownCourts.periods;
  }
  cache.loadingCourts ??= allScreenRefreshPeriods(deps.database)
    .then((periods) => {
      cache.knownCourts = { periods, loadedAt: nowMs };
      return periods;
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
  const read = await readLiveStatus(deps.database, deps.publications, locationId, deps.now());
  if (read.kind === 'none') return null;
  if (read.kind === 'blob-missing') {
    // Superseded between the query and the download (the next poll finds the new version), or lost by storage:
    // answered as "no live updates now", and logged for operators.
    if (context)
      logEvent(context, 'error', 'LIVE_CASE_STATUS_BLOB_MISSING', {
        artefactId: read.record.artefactId,
        blobName: read.record.blobName,
        locationId,
      });
    return null;
  }
  const { record } = read;
  // A restricted case's name is never served: replaced by the wording, flagged `reportingRestrictions: true`.
  const restricted = new Set(record.restrictedCaseNumbers);
  const body = feedBodyWithRestrictions(read.body, restricted);
  if (body === null) {
    if (context)
      logEvent(context, 'error', 'LIVE_CASE_STATUS_UNREADABLE', { artefactId: record.artefactId, locationId });
    return null;
  }
  // The restricted cases are fixed per version (set when it was stored): the ETag marks a rewritten body apart from
  // the stored bytes all the same, so a screen never keeps an earlier answer that named the case.
  const rewritten = restricted.size > 0 ? '-r' : '';
  return { etag: `"${record.artefactId}-${record.lastReceivedAt.getTime()}${rewritten}"`, body };
}

/** A court's status from storage into the cache, once however many requests wait for it. */
function loadCached(
  deps: LiveCaseFeedDependencies,
  locationId: number,
  context: InvocationContext | undefined,
): Promise<CachedFeed> {
  const { cache } = deps;
  let loading = cache.loadingStatuses.get(locationId);
  if (!loading) {
    loading = loadFeed(deps, locationId, context)
      .then((entry) => {
        const cached = { entry };
        cache.statuses.set(locationId, cached);
        return cached;
      })
      .finally(() => cache.loadingStatuses.delete(locationId));
    cache.loadingStatuses.set(locationId, loading);
  }
  return loading;
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
  const refreshSeconds =
    locationId !== null && isCourtId(locationId) ? (await knownCourts(deps)).get(locationId) : null;
  if (locationId === null || refreshSeconds === undefined || refreshSeconds === null) return noSuchScreen();
  const cached = deps.cache.statuses.get(locationId) ?? (await loadCached(deps, locationId, context));
  const headers = { 'cache-control': `public, max-age=${refreshSeconds}` };
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
 * GET /api/live-case-status/{locationId}/screen-url: a court's signed screen link, for admins: `url` the JSON feed,
 * `pageUrl` the screen page with the same token. Handing one out is audited: whoever holds the link can show the
 * court's feed.
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
  // The same link as the screen page (functions/web, /screen/{token}), which a court screen shows.
  const pageUrl = new URL(`/screen/${token}`, request.url).toString();
  return { status: 200, jsonBody: { url, pageUrl }, headers: { 'cache-control': 'no-store' } };
}
