/** The web function: one anonymous catch-all HTTP route serving every page (API routes are more specific and win). */
import { app } from '@azure/functions';
import type nunjucks from 'nunjucks';
import { createWebHandler } from './web-handler.js';
import type { WebDependencies } from './web-dependencies.js';

export function registerWeb(dependencies: () => { deps: WebDependencies; templates: nunjucks.Environment }): void {
  let handler: ReturnType<typeof createWebHandler> | undefined;
  app.http('web', {
    route: '{*path}',
    methods: ['GET', 'POST'],
    authLevel: 'anonymous',
    handler: (request, context) => {
      if (!handler) {
        const { deps, templates } = dependencies();
        handler = createWebHandler(deps, templates);
      }
      return handler(request, context);
    },
  });
}
