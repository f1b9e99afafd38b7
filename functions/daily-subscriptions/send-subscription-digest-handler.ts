/**
 * The sendSubscriptionDigest queue trigger: one message per digest ({ digestId }), sent through GOV.UK Notify with
 * the digest id as the reference, so any duplicate on Notify's side is traceable to one digest.
 *
 * Only what a retry can fix is thrown (Notify rate limiting, down, or refusing our key; the database down): the host
 * retries, then parks the message in subscription-notifications-poison. A digest Notify refuses for good (400) is
 * recorded as FAILED, logged and audited, and the function returns normally.
 */
import type { InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import type { Database } from '../../shared/db/database.js';
import { digestPersonalisation, type SiteUrl } from '../../shared/subscriptions/digest-email.js';
import {
  loadDigest,
  markDigestCancelled,
  markDigestFailed,
  markDigestSent,
} from '../../shared/subscriptions/digest-store.js';
import { NotifyUnavailableError, type DigestMailer } from '../../shared/subscriptions/notify-mailer.js';
import { logEvent } from '../../shared/logging/log-event.js';
import type { DigestListAttachments } from '../../shared/digest-attachments/list-attachments.js';

export interface SubscriptionDigestDependencies {
  database: Database;
  mailer: DigestMailer;
  /** The full URL of a path on the public site. */
  siteUrl: SiteUrl;
  /** Issue 13's seam: each list attached (or linked) and what changed since last sent; absent, the digest is links. */
  attachments?: DigestListAttachments;
}

export const auditAction = 'SUBSCRIPTION_EMAIL';
/** subscription_digest.failure_code of a digest Notify refused. */
export const rejectedFailureCode = 'NOTIFY_REJECTED';

const digestMessageSchema = z.object({ digestId: z.uuid() });

export async function handleSubscriptionDigest(
  deps: SubscriptionDigestDependencies,
  message: unknown,
  context: InvocationContext,
): Promise<void> {
  const common = { dequeueCount: context.triggerMetadata?.dequeueCount };
  const parsed = digestMessageSchema.safeParse(message);
  if (!parsed.success) {
    // Nothing a retry could fix.
    logEvent(context, 'error', 'SUBSCRIPTION_DIGEST_MESSAGE_INVALID', {
      ...common,
      problems: parsed.error.issues.map((i) => i.message),
    });
    return;
  }
  const { digestId } = parsed.data;
  const digest = await loadDigest(deps.database, digestId);
  if (!digest) {
    logEvent(context, 'error', 'SUBSCRIPTION_DIGEST_NOT_FOUND', { ...common, digestId });
    return;
  }
  const about = { ...common, digestId, userIds: digest.userIds };
  if (digest.status !== 'PENDING' && digest.status !== 'QUEUED') {
    // A message delivered twice, or queued again by a run that could not record it as queued.
    logEvent(context, 'info', 'SUBSCRIPTION_DIGEST_ALREADY_HANDLED', { ...about, status: digest.status });
    return;
  }
  if (digest.publications.length === 0) {
    await markDigestCancelled(deps.database, digestId);
    logEvent(context, 'info', 'SUBSCRIPTION_DIGEST_NOTHING_TO_SEND', about);
    return;
  }

  // Issue 13: the lists' files (or links) and their changes, from shared/digest-attachments.
  const attachments = await deps.attachments?.forDigest(digest.recipient, digest.publications);
  const personalisation = {
    ...digestPersonalisation(digest.publications, deps.siteUrl),
    ...attachments?.personalisation,
  };
  let result;
  try {
    result = await deps.mailer.sendDigest(digest.recipient, personalisation, digestId);
  } catch (error) {
    if (error instanceof NotifyUnavailableError) {
      logEvent(context, 'warn', 'SUBSCRIPTION_DIGEST_NOTIFY_UNAVAILABLE', {
        ...about,
        code: error.code,
        status: error.status,
      });
    }
    throw error;
  }

  if (result.kind === 'sent') {
    await markDigestSent(deps.database, digestId, result.notificationId);
    await attachments?.sent();
    logEvent(context, 'info', 'SUBSCRIPTION_DIGEST_SENT', {
      ...about,
      notificationId: result.notificationId,
      publications: digest.publications.length,
    });
    return;
  }
  const detail = result.errors.map((e) => `${e.error}: ${e.message}`).join('; ') || `HTTP ${result.status}`;
  await markDigestFailed(deps.database, digestId, { code: rejectedFailureCode, detail });
  await recordAuditEvent(deps.database, {
    action: auditAction,
    outcome: 'FAILURE',
    actor: null,
    objectType: 'subscription-digest',
    objectId: digestId,
    details: { code: rejectedFailureCode, status: result.status, errors: result.errors, userIds: digest.userIds },
  });
  logEvent(context, 'warn', 'SUBSCRIPTION_DIGEST_REJECTED', {
    ...about,
    code: rejectedFailureCode,
    status: result.status,
    errors: result.errors,
  });
}
