/** The ingest-publication routes, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import {
  handleIngestPublication,
  handleSubmissionStatus,
  type IngestPublicationDependencies,
} from './ingest-publication-handler.js';
import { handleValidatePublication } from './validate-publication-handler.js';

export function registerIngestPublication(dependencies: () => IngestPublicationDependencies): void {
  app.http('ingestPublication', {
    route: 'api/publication',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleIngestPublication(dependencies(), request, context)),
  });
  app.http('validatePublication', {
    route: 'api/publication/validate',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleValidatePublication(dependencies(), request, context)),
  });
  app.http('publicationSubmissionStatus', {
    route: 'api/publication/submissions/{submissionId:guid}',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request) => handleSubmissionStatus(dependencies(), request)),
  });
}
