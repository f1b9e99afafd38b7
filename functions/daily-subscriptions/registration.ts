/** The daily-subscriptions timer and the digest sender, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import {
  dailySubscriptionsSchedule,
  runDailySubscriptions,
  type DailySubscriptionsDependencies,
} from './daily-subscriptions-handler.js';
import { handleSubscriptionDigest, type SubscriptionDigestDependencies } from './send-subscription-digest-handler.js';

export interface DailySubscriptionsOptions {
  /** The queue the digest sender reads (index.ts: queues.subscriptionNotifications; tests use one of their own). */
  queueName: string;
  schedule?: string;
}

export function registerDailySubscriptions(
  runDependencies: () => DailySubscriptionsDependencies,
  sendDependencies: () => SubscriptionDigestDependencies,
  options: DailySubscriptionsOptions,
): void {
  app.timer('dailySubscriptions', {
    schedule: options.schedule ?? dailySubscriptionsSchedule,
    handler: (timer, context) => runDailySubscriptions(runDependencies(), timer, context),
  });

  app.storageQueue('sendSubscriptionDigest', {
    queueName: options.queueName,
    connection: 'AzureWebJobsStorage',
    handler: (message, context) => handleSubscriptionDigest(sendDependencies(), message, context),
  });
}
