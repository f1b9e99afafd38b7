/** The subscriptions routes, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import {
  handleCreateSubscription,
  handleDeleteSubscription,
  handleListSubscriptions,
  type SubscriptionsDependencies,
} from './subscriptions-handler.js';

export function registerSubscriptions(dependencies: () => SubscriptionsDependencies): void {
  app.http('createSubscription', {
    route: 'api/subscriptions',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleCreateSubscription(dependencies(), request, context)),
  });
  app.http('listSubscriptions', {
    route: 'api/subscriptions',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleListSubscriptions(dependencies(), request, context)),
  });
  app.http('deleteSubscription', {
    route: 'api/subscriptions/{subscriptionId}',
    methods: ['DELETE'],
    authLevel: 'anonymous',
    handler: apiHandler((request, context) => handleDeleteSubscription(dependencies(), request, context)),
  });
}
