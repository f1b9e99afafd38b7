/**
 * The thirdPartyPush queue trigger: one message `{ "pushId": "…" }` per (third party, version of a list), sent by
 * shared/third-parties/push-delivery.ts (`deliverPush`: ordering, token, retries with backoff, poison); and the
 * thirdPartyPushSweep timer, which queues pushes whose message is overdue (the outbox's sweeper).
 */
import type { InvocationContext, Timer } from '@azure/functions';
import { z } from 'zod';
import { logEvent } from '../../shared/logging/log-event.js';
import {
  deliverPush,
  sweepPushes,
  type PushSenderDependencies,
  type PushSweepDependencies,
} from '../../shared/third-parties/push-delivery.js';

export type ThirdPartyPushDependencies = PushSenderDependencies;

const pushMessageSchema = z.object({ pushId: z.string().regex(/^\d{1,18}$/, 'pushId must be a push id') });

export async function handleThirdPartyPush(
  deps: ThirdPartyPushDependencies,
  message: unknown,
  context: InvocationContext,
): Promise<void> {
  const parsed = pushMessageSchema.safeParse(message);
  if (!parsed.success) {
    // Nothing a retry could fix.
    logEvent(context, 'error', 'THIRD_PARTY_PUSH_MESSAGE_INVALID', {
      problems: parsed.error.issues.map((issue) => issue.message),
    });
    return;
  }
  await deliverPush(deps, parsed.data.pushId, context);
}

/** The thirdPartyPushSweep timer: the outbox's sweeper (`sweepPushes`). */
export async function handlePushSweepTimer(
  deps: PushSweepDependencies,
  _timer: Timer,
  context: InvocationContext,
): Promise<void> {
  await sweepPushes(deps, context);
}
