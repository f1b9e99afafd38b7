/** The third-party push sender and its sweeper, registered with the dependencies the caller binds (index.ts). */
import { app } from '@azure/functions';
import type { PushSweepDependencies } from '../../shared/third-parties/push-delivery.js';
import {
  handlePushSweepTimer,
  handleThirdPartyPush,
  type ThirdPartyPushDependencies,
} from './third-party-push-handler.js';

export interface ThirdPartyPushOptions {
  /** The queue the sender reads (index.ts: queues.thirdPartyPushes; tests use one of their own). */
  queueName: string;
}

/** Every two minutes (six-field NCRONTAB): the outbox's sweeper queues pushes whose message is overdue. */
export const PUSH_SWEEP_SCHEDULE = '0 */2 * * * *';

export function registerThirdPartyPush(
  dependencies: () => ThirdPartyPushDependencies & { sweep: PushSweepDependencies },
  options: ThirdPartyPushOptions,
): void {
  app.storageQueue('thirdPartyPush', {
    queueName: options.queueName,
    connection: 'AzureWebJobsStorage',
    handler: (message, context) => handleThirdPartyPush(dependencies(), message, context),
  });
  app.timer('thirdPartyPushSweep', {
    schedule: PUSH_SWEEP_SCHEDULE,
    handler: (timer, context) => handlePushSweepTimer(dependencies().sweep, timer, context),
  });
}
