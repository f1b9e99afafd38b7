import { containers, queues } from '../../shared/storage/names.js';
import { coreDependencies, coreSettings, pushAnnouncer } from '../dependencies.js';
import { registerBlobUploaded } from './registration.js';

coreSettings();

registerBlobUploaded(
  () => {
    const core = coreDependencies();
    return {
      database: core.database,
      publications: core.storage.blobService.getContainerClient(containers.publications),
      renditions: core.storage.queueService.getQueueClient(queues.publicationRenditions),
      pushes: pushAnnouncer(),
    };
  },
  { container: containers.publications },
);
