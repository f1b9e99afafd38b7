/**
 * The daily media account lifecycle run (shared/media-accounts/media-account-lifecycle.ts): verified media accounts
 * are asked to sign in again at 350 days without verification or sign-in, and deleted at 365 days.
 */
import type { InvocationContext, Timer } from '@azure/functions';
import { logEvent } from '../../shared/logging/log-event.js';
import {
  runMediaAccountLifecycle,
  type MediaLifecycleDependencies,
} from '../../shared/media-accounts/media-account-lifecycle.js';

export interface MediaAccountLifecycleDependencies extends MediaLifecycleDependencies {
  now: () => Date;
}

/** 03:15 every day (UTC, as Azure runs timers; whole days are what count): six-field NCRONTAB, after the archive and audit retention runs. */
export const mediaAccountLifecycleSchedule = '0 15 3 * * *';

export async function handleMediaAccountLifecycle(
  deps: MediaAccountLifecycleDependencies,
  timer: Timer,
  context: InvocationContext,
): Promise<void> {
  const result = await runMediaAccountLifecycle(deps, deps.now());
  for (const failure of result.failures) {
    logEvent(context, 'warn', 'MEDIA_LIFECYCLE_STEP_FAILED', { ...failure });
  }
  logEvent(context, 'info', 'MEDIA_LIFECYCLE_COMPLETED', {
    reverifyRequested: result.reverifyRequested,
    reverifyFailed: result.reverifyFailed,
    expired: result.expired,
    expiryFailed: result.expiryFailed,
    deletedEmailsFailed: result.deletedEmailsFailed,
    directory: deps.directory.name,
    isPastDue: timer.isPastDue,
  });
}
