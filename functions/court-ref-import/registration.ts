/** The court-ref-import triggers, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import {
  handleReferenceDataBlob,
  handleReferenceDataUpload,
  type CourtRefImportDependencies,
} from './court-ref-import-handler.js';

export interface CourtRefImportOptions {
  /** The container the blob trigger watches (index.ts: containers.referenceData). */
  container: string;
}

export function registerCourtRefImport(
  dependencies: () => CourtRefImportDependencies,
  options: CourtRefImportOptions,
): void {
  app.storageBlob('courtRefImportBlob', {
    path: `${options.container}/{name}`,
    connection: 'AzureWebJobsStorage',
    // Flex Consumption runs blob triggers only from Event Grid (the subscription is in bicep/app.bicep).
    source: 'EventGrid',
    handler: (blob, context) => handleReferenceDataBlob(dependencies(), blob, context),
  });

  app.http('courtRefImportUpload', {
    route: 'api/locations/reference-data',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleReferenceDataUpload(dependencies(), request, context)),
  });
}
