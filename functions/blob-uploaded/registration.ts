/** The blob-uploaded trigger, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { containers } from '../../shared/storage/names.js';
import { handlePublicationBlob, type BlobUploadedDependencies } from './blob-uploaded-handler.js';

export function registerBlobUploaded(dependencies: () => BlobUploadedDependencies): void {
  app.storageBlob('blobUploaded', {
    path: `${containers.publications}/{name}`,
    connection: 'AzureWebJobsStorage',
    handler: (blob, context) => handlePublicationBlob(dependencies(), blob as Buffer, context),
  });
}
