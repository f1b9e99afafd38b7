/** The third-party push sender, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { handleThirdPartyPush, type ThirdPartyPushDependencies } from './third-party-push-handler.js';

export interface ThirdPartyPushOptions {
  /** The queue the sender reads (index.ts: queues.thirdPartyPushes; tests use one of their own). */
  queueName: string;
}

export function registerThirdPartyPush(
  dependencies: () => ThirdPartyPushDependencies,
  options: ThirdPartyPushOptions,
): void {
  app.storageQueue('thirdPartyPush', {
    queueName: options.queueName,
    connection: 'AzureWebJobsStorage',
    handler: (message, context) => handleThirdPartyPush(dependencies(), message, context),
  });
}
