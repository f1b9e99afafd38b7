/** The court-ref-import triggers, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import { containers } from '../../shared/storage/names.js';
import {
  handleReferenceDataBlob,
  handleReferenceDataUpload,
  type CourtRefImportDependencies,
} from './court-ref-import-handler.js';

export interface CourtRefImportOptions {
  /** Default reference-data; a test that must not import other test files' drops watches a container of its own. */
  container?: string;
}

export function registerCourtRefImport(
  dependencies: () => CourtRefImportDependencies,
  options: CourtRefImportOptions = {},
): void {
  app.storageBlob('courtRefImportBlob', {
    path: `${options.container ?? containers.referenceData}/{name}`,
    connection: 'AzureWebJobsStorage',
    handler: (blob, context) => handleReferenceDataBlob(dependencies(), blob, context),
  });

  app.http('courtRefImportUpload', {
    route: 'api/locations/reference-data',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleReferenceDataUpload(dependencies(), request, context)),
  });
}
