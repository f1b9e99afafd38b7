import { containers } from '../../shared/storage/names.js';
import { identitySettings, verifyRequest } from '../authentication.js';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { registerPublications } from './registration.js';

coreSettings();
identitySettings();

registerPublications(() => {
  const core = coreDependencies();
  return {
    verify: verifyRequest,
    database: core.database,
    publications: core.storage.blobService.getContainerClient(containers.publications),
    now: () => new Date(),
  };
});
