/**
 * Publications from the publication store (the same queries the read API uses) and their payloads from Blob Storage;
 * removal through the same code as DELETE api/publication.
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../../../shared/db/database.js';
import { isInDisplayWindow } from '../../../shared/publications/access/can-read-publication.js';
import { removePublication } from '../../../shared/publications/remove-publication.js';
import {
  allLivePublicationsAt,
  findLivePublication,
  livePublicationsAt,
  livePublicationsPage,
} from '../../../shared/publications/store/publication-records.js';
import { downloadIfPresent } from '../../../shared/storage/read-blob.js';
import type { PushAnnouncer } from '../../../shared/third-parties/push-delivery.js';
import type { PublicationStore } from '../web-dependencies.js';

export function databasePublicationStore(
  database: Database,
  publications: ContainerClient,
  pushes?: PushAnnouncer,
): PublicationStore {
  return {
    async onDisplay(locationId, now) {
      return (await livePublicationsAt(database, locationId)).filter((publication) =>
        isInDisplayWindow(publication, now),
      );
    },
    find: (artefactId) => findLivePublication(database, artefactId),
    readPayload: (publication) => downloadIfPresent(publications.getBlobClient(publication.blobName)),
    allLiveAt: (locationId) => allLivePublicationsAt(database, locationId),
    livePage: (listing, page) => livePublicationsPage(database, listing, page),
    remove: (artefactId, actor, logger, via) =>
      removePublication(
        { database, publications, ...(pushes === undefined ? {} : { pushes }) },
        artefactId,
        actor,
        logger,
        via,
      ),
  };
}
