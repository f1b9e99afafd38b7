/**
 * Court screens over PostgreSQL and Blob Storage: a signed screen link (shared/publications/access/screen-links.ts)
 * names a court; its latest PUBLIC live case status is read as the JSON feed reads it
 * (shared/court-screens/live-status-read.ts) and validated; its refresh period comes from
 * shared/court-screens/screen-settings.ts.
 *
 * With `cacheSeconds`, what a court's screen shows is kept that long per instance (at most 5,000 courts, least
 * recently shown first out), as the JSON feed keeps its answers: a room of screens refreshing together costs one
 * read. A period changed on this instance is seen at once; other instances see it within `cacheSeconds`.
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../../../shared/db/database.js';
import { readLiveStatus } from '../../../shared/court-screens/live-status-read.js';
import { screenRefreshSeconds, setScreenRefreshSeconds } from '../../../shared/court-screens/screen-settings.js';
import { logEvent } from '../../../shared/logging/log-event.js';
import {
  courtIdFromSignedScreenToken,
  signScreenToken,
  type ScreenLinkKeys,
} from '../../../shared/publications/access/screen-links.js';
import { liveCaseStatusSchema } from '../../../shared/publications/catalogue/live-case-status.js';
import { LRUCache } from 'lru-cache';
import type { CourtScreen, CourtScreens } from '../web-dependencies.js';

function parseUpdate(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function databaseCourtScreens(
  database: Database,
  publications: ContainerClient,
  keys: ScreenLinkKeys,
  options: { cacheSeconds?: number } = {},
): CourtScreens {
  const cacheSeconds = options.cacheSeconds ?? 0;
  const shown =
    cacheSeconds > 0
      ? new LRUCache<number, { screen: CourtScreen | null }>({ max: 5_000, ttl: cacheSeconds * 1000 })
      : null;
  return {
    async find(token, now, logger) {
      const locationId = courtIdFromSignedScreenToken(token, keys);
      if (locationId === null) return null;
      const cached = shown?.get(locationId);
      if (cached) return cached.screen;
      const screen = await readScreen(locationId, now, logger);
      shown?.set(locationId, { screen });
      return screen;
    },
    async settings(locationId) {
      const refreshSeconds = await screenRefreshSeconds(database, locationId);
      if (refreshSeconds === null) return null;
      return { refreshSeconds, screenPath: `/screen/${signScreenToken(locationId, keys)}` };
    },
    async setRefreshSeconds(locationId, refreshSeconds, actor) {
      const change = await setScreenRefreshSeconds(database, locationId, refreshSeconds, actor.userId);
      shown?.delete(locationId);
      return change;
    },
  };

  async function readScreen(
    locationId: number,
    now: Date,
    logger: Parameters<CourtScreens['find']>[2],
  ): Promise<CourtScreen | null> {
    const refreshSeconds = await screenRefreshSeconds(database, locationId);
    if (refreshSeconds === null) return null;
    const read = await readLiveStatus(database, publications, locationId, now);
    if (read.kind === 'none') return { locationId, refreshSeconds, status: null };
    if (read.kind === 'blob-missing') {
      logEvent(logger, 'error', 'LIVE_CASE_STATUS_BLOB_MISSING', {
        artefactId: read.record.artefactId,
        blobName: read.record.blobName,
        locationId,
      });
      return { locationId, refreshSeconds, status: null };
    }
    const parsed = liveCaseStatusSchema.safeParse(parseUpdate(read.body));
    if (!parsed.success) {
      // Ingestion validates updates, so this is a stored payload that no longer fits: "no live updates", logged.
      logEvent(logger, 'error', 'LIVE_CASE_STATUS_UNREADABLE', { artefactId: read.record.artefactId, locationId });
      return { locationId, refreshSeconds, status: null };
    }
    return {
      locationId,
      refreshSeconds,
      status: {
        receivedAt: read.record.lastReceivedAt,
        update: parsed.data,
        restrictedCaseNumbers: read.record.restrictedCaseNumbers,
      },
    };
  }
}
