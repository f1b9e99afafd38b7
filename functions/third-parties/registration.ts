/** The third-party routes, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import {
  handleCreateThirdParty,
  handleGetThirdParty,
  handleListThirdParties,
  handleParkedPushes,
  handleRetryParkedPush,
  handleTestConnection,
  handleUpdateThirdParty,
  type ThirdPartiesDependencies,
} from './third-parties-handler.js';
import {
  handleThirdPartyPublications,
  type ThirdPartyPublicationsDependencies,
} from './third-party-publications-handler.js';
import { handleGetOwnSubscriptions, handleSetOwnSubscriptions } from './third-party-subscriptions-handler.js';

export function registerThirdParties(
  dependencies: () => ThirdPartiesDependencies & ThirdPartyPublicationsDependencies,
): void {
  app.http('listThirdParties', {
    route: 'api/third-parties',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request) => handleListThirdParties(dependencies(), request)),
  });
  app.http('createThirdParty', {
    route: 'api/third-parties',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleCreateThirdParty(dependencies(), request, context)),
  });
  app.http('getThirdParty', {
    route: 'api/third-parties/{thirdPartyId}',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request) => handleGetThirdParty(dependencies(), request)),
  });
  app.http('updateThirdParty', {
    route: 'api/third-parties/{thirdPartyId}',
    methods: ['PUT'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleUpdateThirdParty(dependencies(), request, context)),
  });
  app.http('testThirdPartyConnection', {
    route: 'api/third-parties/{thirdPartyId}/test-connection',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleTestConnection(dependencies(), request, context)),
  });
  app.http('thirdPartyPublications', {
    route: 'api/third-party/publications',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleThirdPartyPublications(dependencies(), request, context)),
  });
  app.http('thirdPartyParkedPushes', {
    route: 'api/third-parties/{thirdPartyId}/pushes',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request) => handleParkedPushes(dependencies(), request)),
  });
  app.http('retryThirdPartyPush', {
    route: 'api/third-parties/{thirdPartyId}/pushes/{pushId}/retry',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleRetryParkedPush(dependencies(), request, context)),
  });
  app.http('thirdPartyOwnSubscriptions', {
    route: 'api/third-party/subscriptions',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request) => handleGetOwnSubscriptions(dependencies(), request)),
  });
  app.http('setThirdPartyOwnSubscriptions', {
    route: 'api/third-party/subscriptions',
    methods: ['PUT'],
    authLevel: 'anonymous',
    handler: apiHandler((request) => handleSetOwnSubscriptions(dependencies(), request)),
  });
}
