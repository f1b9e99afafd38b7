/**
 * PUBLISHER_PROVENANCES for tests, parsed by the real setting schema: the local `hmi` client (as `npm start` gives
 * it) may publish as any source but MANUAL_UPLOAD; `publishersMayUse` builds a narrower map.
 */
import { loadSettings, publisherSettingsSchema, type PublisherProvenances } from '../shared/config/settings.js';
import { LOCAL_PUBLISHER_PROVENANCES } from '../local/identity/local-identities.js';

export function publishersMayUse(map: Readonly<Record<string, readonly string[]>>): PublisherProvenances {
  return loadSettings(publisherSettingsSchema, { PUBLISHER_PROVENANCES: JSON.stringify(map) }).PUBLISHER_PROVENANCES;
}

export const localPublisherProvenances: PublisherProvenances = loadSettings(publisherSettingsSchema, {
  PUBLISHER_PROVENANCES: LOCAL_PUBLISHER_PROVENANCES,
}).PUBLISHER_PROVENANCES;
