import { containers } from '../../shared/storage/names.js';
import { identitySettings, tokenVerifier } from '../http-kit/verifier.js';
import { coreDependencies, coreSettings, now } from '../dependencies.js';
import { registerPublications } from './registration.js';

coreSettings();
identitySettings();

registerPublications(() => {
  const core = coreDependencies();
  return {
    verifier: tokenVerifier(),
    database: core.database,
    publications: core.storage.blobService.getContainerClient(containers.publications),
    now,
  };
});
