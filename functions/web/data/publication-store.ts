/** Publications from the publication store (the same queries the read API uses) and their payloads from Blob Storage. */
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../../../shared/db/database.js';
import { isInDisplayWindow } from '../../../shared/publications/access/can-read-publication.js';
import { findLivePublication, livePublicationsAt } from '../../../shared/publications/store/publication-records.js';
import { downloadIfPresent } from '../../../shared/storage/read-blob.js';
import type { PublicationStore } from '../web-dependencies.js';

export function databasePublicationStore(database: Database, publications: ContainerClient): PublicationStore {
  return {
    async onDisplay(locationId, now) {
      return (await livePublicationsAt(database, locationId)).filter((publication) =>
        isInDisplayWindow(publication, now),
      );
    },
    find: (artefactId) => findLivePublication(database, artefactId),
    readPayload: (publication) => downloadIfPresent(publications.getBlobClient(publication.blobName)),
  };
}
