import { containers } from '../../shared/storage/names.js';
import { coreDependencies, coreSettings, now } from '../dependencies.js';
import { registerLiveCaseFeed } from './registration.js';
import type { LiveCaseFeedDependencies } from './live-case-feed-handler.js';

coreSettings();

/** One cache per instance: every screen polling this instance shares it. */
const cache: LiveCaseFeedDependencies['cache'] = new Map();

registerLiveCaseFeed(() => {
  const core = coreDependencies();
  return {
    database: core.database,
    publications: core.storage.blobService.getContainerClient(containers.publications),
    now,
    cache,
  };
});
