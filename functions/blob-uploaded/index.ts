import { containers } from '../../shared/storage/names.js';
import { coreDependencies, coreSettings, pushAnnouncer } from '../dependencies.js';
import { registerBlobUploaded } from './registration.js';

coreSettings();

registerBlobUploaded(
  () => {
    const core = coreDependencies();
    return {
      database: core.database,
      publications: core.storage.blobService.getContainerClient(containers.publications),
      pushes: pushAnnouncer(),
    };
  },
  { container: containers.publications },
);
