/** Courts from the `court` table (shared/reference-data), with a short cache: the A to Z list is read on every visit. */
import type { Database } from '../../../shared/db/database.js';
import { getLocation, listLocations, type Location } from '../../../shared/reference-data/location-queries.js';
import type { CourtDirectory } from '../web-dependencies.js';

export function databaseCourtDirectory(
  database: Database,
  options: { cacheMs?: number; now?: () => number } = {},
): CourtDirectory {
  const cacheMs = options.cacheMs ?? 0;
  const now = options.now ?? Date.now;
  let cached: { at: number; courts: Promise<Location[]> } | null = null;
  return {
    all() {
      if (!cached || now() - cached.at >= cacheMs) {
        const courts = listLocations(database, { regions: [], jurisdictions: [], language: 'en' });
        cached = { at: now(), courts };
        courts.catch(() => {
          cached = null;
        });
      }
      return cached.courts.then((courts) => [...courts]);
    },
    find: (locationId) => getLocation(database, locationId),
  };
}
