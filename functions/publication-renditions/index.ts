import { containers, queues } from '../../shared/storage/names.js';
import { coreDependencies, coreSettings, now } from '../dependencies.js';
import { registerPublicationRenditions } from './registration.js';

coreSettings();

registerPublicationRenditions(
  () => {
    const core = coreDependencies();
    return {
      database: core.database,
      publications: core.storage.blobService.getContainerClient(containers.publications),
      now,
    };
  },
  { queueName: queues.publicationRenditions },
);
