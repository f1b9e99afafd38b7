/** The blob-uploaded trigger, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { containers } from '../../shared/storage/names.js';
import { handlePublicationBlob, type BlobUploadedDependencies } from './blob-uploaded-handler.js';

export interface BlobUploadedOptions {
  /** Default publications; a test that must not see other test files' blobs watches a container of its own. */
  container?: string;
}

export function registerBlobUploaded(
  dependencies: () => BlobUploadedDependencies,
  options: BlobUploadedOptions = {},
): void {
  app.storageBlob('blobUploaded', {
    path: `${options.container ?? containers.publications}/{name}`,
    connection: 'AzureWebJobsStorage',
    handler: (blob, context) => handlePublicationBlob(dependencies(), blob as Buffer, context),
  });
}
