/** The publications read and delete routes, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import {
  handleDeletePublication,
  handleGetPublication,
  handleGetPublicationFile,
  handleGetPublicationPayload,
  handleListNoMatch,
  handleListPublications,
  type PublicationsDependencies,
} from './publications-handler.js';

export function registerPublications(dependencies: () => PublicationsDependencies): void {
  app.http('getPublication', {
    route: 'api/publication/{artefactId:guid}',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleGetPublication(dependencies(), request, context)),
  });
  app.http('getPublicationPayload', {
    route: 'api/publication/{artefactId:guid}/payload',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleGetPublicationPayload(dependencies(), request, context)),
  });
  app.http('getPublicationFile', {
    route: 'api/publication/{artefactId:guid}/file',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleGetPublicationFile(dependencies(), request, context)),
  });
  app.http('listPublications', {
    route: 'api/publications',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request) => handleListPublications(dependencies(), request)),
  });
  app.http('listNoMatchPublications', {
    route: 'api/publication/no-match',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request) => handleListNoMatch(dependencies(), request)),
  });
  app.http('deletePublication', {
    route: 'api/publication/{artefactId:guid}',
    methods: ['DELETE'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleDeletePublication(dependencies(), request, context)),
  });
}
