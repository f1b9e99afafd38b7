/** The locations and glossary routes, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import {
  handleDeleteLocation,
  handleGetGlossary,
  handleGetLocation,
  handleListLocations,
  type LocationsDependencies,
} from './locations-handler.js';

export function registerLocations(dependencies: () => LocationsDependencies): void {
  app.http('listLocations', {
    route: 'api/locations',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request) => handleListLocations(dependencies(), request)),
  });
  app.http('getLocation', {
    route: 'api/locations/{locationId:int}',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request) => handleGetLocation(dependencies(), request)),
  });
  app.http('deleteLocation', {
    route: 'api/locations/{locationId:int}',
    methods: ['DELETE'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleDeleteLocation(dependencies(), request, context)),
  });
  app.http('getGlossary', {
    route: 'api/glossary',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((_request, context) => handleGetGlossary(dependencies(), context)),
  });
}
