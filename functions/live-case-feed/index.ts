import { loadSettings } from '../../shared/config/settings.js';
import { screenLinkSettingsSchema } from '../../shared/publications/access/screen-links.js';
import { containers } from '../../shared/storage/names.js';
import { apiVerifier, coreDependencies, coreSettings, now } from '../dependencies.js';
import { identitySettings } from '../http-kit/verifier.js';
import { registerLiveCaseFeed } from './registration.js';
import { createFeedCache, type LiveCaseFeedDependencies } from './live-case-feed-handler.js';

coreSettings();
identitySettings();
/** Checked at load: a missing, malformed or unresolved (Key Vault) SCREEN_LINK_KEYS stops the app starting. */
const { SCREEN_LINK_KEYS: screenLinkKeys } = loadSettings(screenLinkSettingsSchema, process.env);

/** One cache per instance: every screen polling this instance shares it. */
const cache = createFeedCache(now);

/** Built on the first request and kept: screens poll often, and each poll should cost only the cache lookup. */
let feedDependencies: LiveCaseFeedDependencies | undefined;

registerLiveCaseFeed(
  () => {
    if (!feedDependencies) {
      const core = coreDependencies();
      feedDependencies = {
        database: core.database,
        publications: core.storage.blobService.getContainerClient(containers.publications),
        now,
        cache,
        screenLinkKeys,
      };
    }
    return feedDependencies;
  },
  () => ({ database: coreDependencies().database, verifier: apiVerifier(), screenLinkKeys }),
);
