/** The blob-uploaded trigger, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { handlePublicationBlob, type BlobUploadedDependencies } from './blob-uploaded-handler.js';

export interface BlobUploadedOptions {
  /** The container the trigger watches (index.ts: containers.publications). */
  container: string;
}

export function registerBlobUploaded(dependencies: () => BlobUploadedDependencies, options: BlobUploadedOptions): void {
  app.storageBlob('blobUploaded', {
    path: `${options.container}/{name}`,
    connection: 'AzureWebJobsStorage',
    // Flex Consumption runs blob triggers only from Event Grid (the subscription is in bicep/app.bicep).
    source: 'EventGrid',
    handler: (blob, context) => handlePublicationBlob(dependencies(), blob as Buffer, context),
  });
}
