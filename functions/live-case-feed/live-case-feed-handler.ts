/**
 * The feed in-court screens poll: a court's latest live case status, served from a short in-memory cache with an
 * ETag, so thousands of screens polling every few seconds cost the database one query per court per cache period.
 * No sign-in (screens are unattended); only PUBLIC updates inside their display window are served.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../../shared/db/database.js';
import { latestLiveCaseStatus } from '../../shared/publications/store/publication-records.js';
import { downloadIfPresent } from '../../shared/storage/read-blob.js';
import { courtIdFromScreenToken } from '../../shared/publications/catalogue/live-case-status.js';
import { problem } from '../http-kit/problem.js';
import { MAX_INTEGER_ID } from '../http-kit/query.js';
import { logEvent } from '../../shared/logging/log-event.js';

export const FEED_CACHE_SECONDS = 15;

export interface LiveCaseFeedDependencies {
  database: Database;
  publications: ContainerClient;
  now(): Date;
  cache: Map<number, { expires: number; entry: FeedEntry | null }>;
}

interface FeedEntry {
  etag: string;
  body: Buffer;
}

async function loadFeed(
  deps: LiveCaseFeedDependencies,
  locationId: number,
  context: InvocationContext | undefined,
): Promise<FeedEntry | null> {
  const now = deps.now();
  const row = await latestLiveCaseStatus(deps.database, locationId, now);
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

export async function handleLiveCaseFeed(
  deps: LiveCaseFeedDependencies,
  request: HttpRequest,
  locationId: number | null,
  context?: InvocationContext,
): Promise<HttpResponseInit> {
  if (locationId === null || !Number.isSafeInteger(locationId) || locationId <= 0 || locationId > MAX_INTEGER_ID) {
    return problem(404, 'NOT_FOUND', 'No such court screen', [{ field: 'locationId', problem: 'no such court' }]);
  }
  const nowMs = deps.now().getTime();
  let cached = deps.cache.get(locationId);
  if (!cached || cached.expires <= nowMs) {
    cached = { expires: nowMs + FEED_CACHE_SECONDS * 1000, entry: await loadFeed(deps, locationId, context) };
    deps.cache.set(locationId, cached);
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

export function screenLocationId(token: string): number | null {
  return courtIdFromScreenToken(token);
}
