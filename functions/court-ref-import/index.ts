import { containers } from '../../shared/storage/names.js';
import { identitySettings } from '../http-kit/verifier.js';
import { apiVerifier, coreDependencies, coreSettings } from '../dependencies.js';
import { registerCourtRefImport } from './registration.js';

coreSettings();
identitySettings();

registerCourtRefImport(
  () => {
    const { database, storage } = coreDependencies();
    return {
      database,
      referenceData: storage.blobService.getContainerClient(containers.referenceData),
      verifier: apiVerifier(),
    };
  },
  { container: containers.referenceData },
);
