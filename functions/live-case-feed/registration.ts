/** The live case feed routes, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import {
  handleLiveCaseFeed,
  handleScreenUrl,
  screenLocationId,
  type LiveCaseFeedDependencies,
  type ScreenUrlDependencies,
} from './live-case-feed-handler.js';

export function registerLiveCaseFeed(
  dependencies: () => LiveCaseFeedDependencies,
  screenUrlDependencies: () => ScreenUrlDependencies,
): void {
  app.http('liveCaseFeed', {
    route: 'api/live-case-status/{locationId:int}',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) =>
      handleLiveCaseFeed(dependencies(), request, Number(request.params.locationId), context),
    ),
  });
  app.http('liveCaseFeedScreen', {
    route: 'api/live-case-status/screen/{token}',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => {
      const deps = dependencies();
      return handleLiveCaseFeed(
        deps,
        request,
        screenLocationId(request.params.token ?? '', deps.screenLinkKeys),
        context,
      );
    }),
  });
  app.http('liveCaseScreenUrl', {
    route: 'api/live-case-status/{locationId:int}/screen-url',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) =>
      handleScreenUrl(screenUrlDependencies(), request, Number(request.params.locationId), context),
    ),
  });
}
