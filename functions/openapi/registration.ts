/** GET api/openapi.json: the OpenAPI 3.1 document, generated from the schemas that validate requests. */
import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import { openApiDocument } from './openapi-document.js';

export function registerOpenApi(): void {
  app.http('openApiDocument', {
    route: 'api/openapi.json',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler(() =>
      Promise.resolve({
        status: 200,
        jsonBody: openApiDocument(),
        headers: { 'cache-control': 'public, max-age=300' },
      }),
    ),
  });
}
