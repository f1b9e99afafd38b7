/** The publication-renditions queue trigger, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import {
  handlePublicationRendition,
  type PublicationRenditionsDependencies,
} from './publication-renditions-handler.js';

export interface PublicationRenditionsOptions {
  /** The queue it reads (index.ts: queues.publicationRenditions; tests use one of their own). */
  queueName: string;
}

export function registerPublicationRenditions(
  dependencies: () => PublicationRenditionsDependencies,
  options: PublicationRenditionsOptions,
): void {
  app.storageQueue('publicationRenditions', {
    queueName: options.queueName,
    connection: 'AzureWebJobsStorage',
    handler: (message, context) => handlePublicationRendition(dependencies(), message, context),
  });
}
