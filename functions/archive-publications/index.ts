import { containers } from '../../shared/storage/names.js';
import { coreDependencies, coreSettings, now, pushAnnouncer } from '../dependencies.js';
import { registerArchivePublications } from './registration.js';

coreSettings();

registerArchivePublications(() => {
  const core = coreDependencies();
  return {
    database: core.database,
    publications: core.storage.blobService.getContainerClient(containers.publications),
    now,
    pushes: pushAnnouncer(),
  };
});
