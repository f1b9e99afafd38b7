/** GET api/schemas/{listType}: the JSON Schema of a list type's payload. It needs no dependencies. */
import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import { handleGetSchema } from './schemas-handler.js';

export function registerSchemas(): void {
  app.http('listTypeSchema', {
    route: 'api/schemas/{listType}',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request) => handleGetSchema(request)),
  });
}
