import { randomUUID } from 'node:crypto';
import { containers } from '../../shared/storage/names.js';
import { identitySettings, tokenVerifier } from '../http-kit/verifier.js';
import { coreDependencies, coreSettings, now } from '../dependencies.js';
import { registerIngestPublication } from './registration.js';

coreSettings();
identitySettings();

registerIngestPublication(() => {
  const core = coreDependencies();
  return {
    verifier: tokenVerifier(),
    database: core.database,
    publications: core.storage.blobService.getContainerClient(containers.publications),
    now,
    newId: randomUUID,
  };
});
