/** Publications from the `artefact` table (the same queries the read API uses) and their payloads from Blob Storage. */
import type { ContainerClient } from '@azure/storage-blob';
import { findLiveArtefact, liveArtefactsAt, type ArtefactRecord } from '../../../shared/artefacts/artefact-records.js';
import type { Database } from '../../../shared/db/database.js';
import { downloadIfPresent } from '../../../shared/storage/read-blob.js';
import type { Publication, PublicationLanguage, PublicationStore } from '../web-dependencies.js';

function toPublication(record: ArtefactRecord): Publication {
  return {
    artefactId: record.artefactId,
    type: record.type,
    listType: record.listType,
    locationId: record.locationId,
    contentDate: record.contentDate,
    // The column's check constraint allows only these values.
    language: record.language as PublicationLanguage,
    sensitivity: record.sensitivity,
    displayFrom: record.displayFrom,
    displayTo: record.displayTo,
    isFlatFile: record.isFlatFile,
    contentType: record.contentType,
    fileName: record.fileName,
    blobName: record.blobName,
    lastReceivedAt: record.lastReceivedDate,
  };
}

const onDisplayAt =
  (now: Date) =>
  (record: ArtefactRecord): boolean =>
    record.displayFrom.getTime() <= now.getTime() &&
    (record.displayTo === null || record.displayTo.getTime() >= now.getTime());

export function databasePublicationStore(database: Database, publications: ContainerClient): PublicationStore {
  return {
    async onDisplay(locationId, now) {
      return (await liveArtefactsAt(database, locationId)).filter(onDisplayAt(now)).map(toPublication);
    },
    async find(artefactId) {
      const record = await findLiveArtefact(database, artefactId);
      return record ? toPublication(record) : null;
    },
    readPayload: (publication) => downloadIfPresent(publications.getBlobClient(publication.blobName)),
  };
}
