/** The media account lifecycle timer, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import {
  handleMediaAccountLifecycle,
  mediaAccountLifecycleSchedule,
  type MediaAccountLifecycleDependencies,
} from './media-account-lifecycle-handler.js';

export function registerMediaAccountLifecycle(dependencies: () => MediaAccountLifecycleDependencies): void {
  app.timer('mediaAccountLifecycle', {
    schedule: mediaAccountLifecycleSchedule,
    handler: (timer, context) => handleMediaAccountLifecycle(dependencies(), timer, context),
  });
}
