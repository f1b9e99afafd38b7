/**
 * The sendSubscriptionDigest queue trigger: one message per digest ({ digestId }), sent through GOV.UK Notify with
 * the digest id as the reference.
 *
 * Sent once: the sender first claims the digest (status SENDING, one sender at a time, for a lease); a message
 * delivered twice, or arriving after the digest was sent, finds nothing to claim and does nothing. A claim that ran
 * out without an outcome (the sender died mid-send), or an attempt Notify did not answer at all, leaves the outcome
 * unknown: the next attempt first asks Notify for an email with the digest's reference, and if there is one records
 * it as sent instead of sending again.
 *
 * Notify's answers: 201 is recorded as SENT. 400, 401 and 403 are permanent: recorded as FAILED, logged and
 * audited, not retried (401/403, Notify refusing the service's key, as NOTIFY_AUTH_REJECTED, logged as an error for
 * an operator: every digest fails so until the key is fixed). 429, 5xx and no answer are retried: the digest is given back and its message queued again with an
 * exponential backoff (DIGEST_RETRY_BASE_SECONDS doubling up to DIGEST_RETRY_MAX_SECONDS); after DIGEST_MAX_ATTEMPTS
 * it is recorded as FAILED (NOTIFY_UNAVAILABLE) and audited. Anything else thrown (the database down) goes to the
 * host's retries and then the poison queue; the next daily run re-queues a digest whose claim ran out.
 */
import type { InvocationContext } from '@azure/functions';
import type { QueueClient } from '@azure/storage-queue';
import { z } from 'zod';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import type { Database } from '../../shared/db/database.js';
import { assembleDigestEmail, digestPersonalisation, type SiteUrl } from '../../shared/subscriptions/digest-email.js';
import {
  claimDigest,
  loadDigest,
  markDigestCancelled,
  markDigestFailed,
  markDigestSent,
  releaseDigestForRetry,
} from '../../shared/subscriptions/digest-store.js';
import {
  signUnsubscribeToken,
  unsubscribePath,
  type UnsubscribeLinkKeys,
} from '../../shared/subscriptions/unsubscribe-links.js';
import { NotifyUnavailableError, type DigestMailer } from '../../shared/subscriptions/notify-mailer.js';
import { logEvent } from '../../shared/logging/log-event.js';
import type { DigestListAttachments } from '../../shared/digest-attachments/list-attachments.js';

export interface SubscriptionDigestDependencies {
  database: Database;
  mailer: DigestMailer;
  /** The full URL of a path on the public site. */
  siteUrl: SiteUrl;
  /** Each list attached (or linked) and what changed since last sent (shared/digest-attachments); absent, links. */
  attachments?: DigestListAttachments;
  /** The subscription-notifications queue, where a retry is queued again. */
  notifications: QueueClient;
  unsubscribeLinkKeys: UnsubscribeLinkKeys;
  retry: DigestRetryPolicy;
  now: () => Date;
}

export interface DigestRetryPolicy {
  baseSeconds: number;
  maxSeconds: number;
  maxAttempts: number;
}

/** How long one send attempt holds its claim: far longer than a Notify call, short enough to recover within a run. */
export const sendLeaseMs = 10 * 60 * 1000;

/** The wait before attempt `attempts + 1`: base, doubling each attempt, at most max. */
export function backoffSeconds(attempts: number, policy: DigestRetryPolicy): number {
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.max(0, attempts - 1));
}

export function digestMessage(digestId: string): string {
  // The Functions host reads queue messages as base64 (host.json default messageEncoding).
  return Buffer.from(JSON.stringify({ digestId }), 'utf8').toString('base64');
}

export const auditAction = 'SUBSCRIPTION_EMAIL';
/** subscription_digest.failure_code of a digest Notify refused (400: the address, the personalisation). */
export const rejectedFailureCode = 'NOTIFY_REJECTED';
/** subscription_digest.failure_code of a digest Notify refused our key for (401, 403): an operator fixes the key. */
export const authRejectedFailureCode = 'NOTIFY_AUTH_REJECTED';
/** subscription_digest.failure_code of a digest Notify did not take in DIGEST_MAX_ATTEMPTS attempts. */
export const unavailableFailureCode = 'NOTIFY_UNAVAILABLE';

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
  const claim = await claimDigest(deps.database, digestId, deps.now(), sendLeaseMs);
  if (!claim.claimed) {
    // Sent, failed, cancelled, being sent by another delivery of the same message, or no such digest.
    const known = await loadDigest(deps.database, digestId);
    if (!known) {
      logEvent(context, 'error', 'SUBSCRIPTION_DIGEST_NOT_FOUND', { ...common, digestId });
      return;
    }
    logEvent(context, 'info', 'SUBSCRIPTION_DIGEST_ALREADY_HANDLED', {
      ...common,
      digestId,
      userIds: known.userIds,
      status: known.status,
    });
    return;
  }
  const digest = await loadDigest(deps.database, digestId);
  if (!digest) {
    logEvent(context, 'error', 'SUBSCRIPTION_DIGEST_NOT_FOUND', { ...common, digestId });
    return;
  }
  const about = { ...common, digestId, userIds: digest.userIds, attempt: claim.attempts };
  if (digest.publications.length === 0) {
    await markDigestCancelled(deps.database, digestId);
    logEvent(context, 'info', 'SUBSCRIPTION_DIGEST_NOTHING_TO_SEND', about);
    return;
  }

  const unsubscribeAt = unsubscribePath(signUnsubscribeToken(digestId, deps.unsubscribeLinkKeys));
  const email = assembleDigestEmail(digest.publications, {
    language: digest.language,
    siteUrl: deps.siteUrl,
    unsubscribePath: unsubscribeAt,
  });
  let result;
  let attachments;
  try {
    // The lists' files (or links) and their changes, from shared/digest-attachments. Inside the try: a failure to
    // read them gives the digest back for the host's retry, as any other failure here does.
    attachments = await deps.attachments?.forDigest(digest.recipient, digest.publications, digest.language);
    // An earlier attempt may have reached Notify without its outcome being recorded: never send twice.
    const already = claim.outcomeUnknown ? await deps.mailer.findSentByReference(digestId) : null;
    if (already !== null) {
      await markDigestSent(deps.database, digestId, already);
      await attachments?.sent();
      logEvent(context, 'info', 'SUBSCRIPTION_DIGEST_FOUND_AT_NOTIFY', { ...about, notificationId: already });
      return;
    }
    result = await deps.mailer.sendDigest({
      recipient: digest.recipient,
      language: digest.language,
      personalisation: { ...digestPersonalisation(email), ...attachments?.personalisation },
      reference: digestId,
      oneClickUnsubscribeUrl: deps.siteUrl(unsubscribeAt),
    });
  } catch (error) {
    if (!(error instanceof NotifyUnavailableError)) {
      await releaseDigestForRetry(deps.database, digestId, true).catch(() => undefined);
      throw error;
    }
    await retryLater(deps, context, { ...about, code: error.code, status: error.status }, claim.attempts);
    return;
  }

  if (result.kind === 'sent') {
    await markDigestSent(deps.database, digestId, result.notificationId);
    await attachments?.sent();
    logEvent(context, 'info', 'SUBSCRIPTION_DIGEST_SENT', {
      ...about,
      notificationId: result.notificationId,
      publications: digest.publications.length,
      language: digest.language,
    });
    return;
  }
  const detail = result.errors.map((e) => `${e.error}: ${e.message}`).join('; ') || `HTTP ${result.status}`;
  const authRefused = result.status === 401 || result.status === 403;
  const code = authRefused ? authRejectedFailureCode : rejectedFailureCode;
  await markDigestFailed(deps.database, digestId, { code, detail });
  await recordAuditEvent(deps.database, {
    action: auditAction,
    outcome: 'FAILURE',
    actor: null,
    objectType: 'subscription-digest',
    objectId: digestId,
    details: { code, status: result.status, errors: result.errors, userIds: digest.userIds },
  });
  const fields = { ...about, code, status: result.status, errors: result.errors };
  if (authRefused) logEvent(context, 'error', 'SUBSCRIPTION_DIGEST_NOTIFY_KEY_REFUSED', fields);
  else logEvent(context, 'warn', 'SUBSCRIPTION_DIGEST_REJECTED', fields);
}

/** Notify rate limited, erred or did not answer: queue the digest again after a backoff, or give up at the limit. */
async function retryLater(
  deps: SubscriptionDigestDependencies,
  context: InvocationContext,
  about: { digestId: string; userIds: string[]; attempt: number; code: string; status: number | null },
  attempts: number,
): Promise<void> {
  if (attempts >= deps.retry.maxAttempts) {
    const detail = `${about.code}${about.status === null ? '' : ` (HTTP ${about.status})`} after ${attempts} attempts`;
    await markDigestFailed(deps.database, about.digestId, { code: unavailableFailureCode, detail });
    await recordAuditEvent(deps.database, {
      action: auditAction,
      outcome: 'FAILURE',
      actor: null,
      objectType: 'subscription-digest',
      objectId: about.digestId,
      details: { code: unavailableFailureCode, status: about.status, attempts, userIds: about.userIds },
    });
    logEvent(context, 'error', 'SUBSCRIPTION_DIGEST_GAVE_UP', about);
    return;
  }
  const delaySeconds = backoffSeconds(attempts, deps.retry);
  try {
    await deps.notifications.sendMessage(digestMessage(about.digestId), { visibilityTimeout: delaySeconds });
  } catch (error) {
    // The host retries this message instead.
    await releaseDigestForRetry(deps.database, about.digestId, about.status === null).catch(() => undefined);
    throw error;
  }
  // No answer at all (a timeout, a dropped connection) may still have been a send.
  await releaseDigestForRetry(deps.database, about.digestId, about.status === null);
  logEvent(context, 'warn', 'SUBSCRIPTION_DIGEST_RETRY_SCHEDULED', { ...about, delaySeconds });
}
