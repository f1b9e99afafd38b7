/**
 * The verified media account lifecycle, as the live service runs it (issue 12), run daily by the timer
 * functions/media-account-lifecycle:
 *
 * - A verified media account (Azure B2C, `PI_AAD`, whose only role is VERIFIED) is active from the later of its last
 *   verification (`last_verified_at`, the approval) and its last sign-in (`last_signed_in_at`). The live service
 *   counts from lastVerifiedDate, which its frontend moves on every media sign-in; here the two are kept apart, so the
 *   later of the two is the same clock.
 * - At 350 days without either, the person is emailed once to sign in to keep the account (Notify template
 *   NOTIFY_TEMPLATE_MEDIA_REVERIFY) and `reverify_requested_at` records it: a request newer than the last activity
 *   means "already asked this period", so a second run the same day asks nobody, and a sign-in starts a new period.
 *   The selection claims the rows in one statement; if Notify does not send, the claim is undone (the next run asks
 *   again) and the failure is audited.
 * - At 365 days the account is deleted at the directory first (Azure B2C; locally the local identity provider). If
 *   the directory fails (in Azure until issue 19 it is not configured), nothing is deleted here, the failure is
 *   audited, and the next run tries again. Then, in one transaction, the person's subscriptions, sessions and
 *   pip_user row go (as a system admin's deletion does, shared/users/user-admin.ts) with the audit record; then the
 *   "your account has been deleted" email (NOTIFY_TEMPLATE_MEDIA_DELETED) is sent.
 *
 * One person's failure (Notify, directory) never stops the others; every outcome is a value in the result.
 * The emails carry `full_name` and a link: `sign_in_link` (re-verify) or `apply_link` (deleted: apply again).
 */
import { recordAuditEvent } from '../audit/audit-log.js';
import { inTransaction, type Database } from '../db/database.js';
import { removeUserRows } from '../users/user-admin.js';
import { recordOf, userColumns, type UserRow } from '../users/user-store.js';
import type { MediaAccountRemoval } from './media-account-directory.js';
import { notifyEmailSender, type MediaEmailResult } from './media-account-mailer.js';

export const REVERIFY_AFTER_DAYS = 350;
export const EXPIRE_AFTER_DAYS = 365;
export const reverifyRequestedAction = 'MEDIA_ACCOUNT_REVERIFY_REQUESTED';
export const accountExpiredAction = 'MEDIA_ACCOUNT_EXPIRED';

const DAY_MS = 24 * 60 * 60_000;

/** Which accounts the lifecycle covers: verified media accounts at Azure B2C (court staff there have other roles). */
const mediaAccount = `provenance = 'PI_AAD' AND roles = ARRAY['VERIFIED']::text[]`;
const lastActive = 'GREATEST(last_verified_at, last_signed_in_at)';

export interface MediaLifecycleMailer {
  sendReverify(
    recipient: string,
    personalisation: { full_name: string; sign_in_link: string },
    reference: string,
  ): Promise<MediaEmailResult>;
  sendDeleted(
    recipient: string,
    personalisation: { full_name: string; apply_link: string },
    reference: string,
  ): Promise<MediaEmailResult>;
}

export interface MediaLifecycleMailerSettings {
  apiKey: string;
  baseUrl: string;
  reverifyTemplateId: string;
  deletedTemplateId: string;
}

/** Notify's 400s are values; anything else (5xx, no answer) throws, and the lifecycle treats it as not sent. */
export function createMediaLifecycleMailer(settings: MediaLifecycleMailerSettings): MediaLifecycleMailer {
  const send = notifyEmailSender(settings);
  return {
    sendReverify: (recipient, personalisation, reference) =>
      send(settings.reverifyTemplateId, recipient, personalisation, reference),
    sendDeleted: (recipient, personalisation, reference) =>
      send(settings.deletedTemplateId, recipient, personalisation, reference),
  };
}

export interface MediaLifecycleDependencies {
  database: Database;
  directory: MediaAccountRemoval;
  mailer: MediaLifecycleMailer;
  /** The public site's sign-in page and media account application form, for the emails. */
  links: { signIn: string; apply: string };
}

/** One person's failure, for the run's log (the audit log has the same). */
export interface MediaLifecycleFailure {
  step: 'REVERIFY_EMAIL' | 'DIRECTORY_DELETE' | 'DELETED_EMAIL';
  userId: string;
  reason: string;
}

export interface MediaLifecycleResult {
  reverifyRequested: number;
  reverifyFailed: number;
  expired: number;
  expiryFailed: number;
  deletedEmailsFailed: number;
  failures: MediaLifecycleFailure[];
}

function fullName(forenames: string | null, surname: string | null): string {
  return [forenames, surname].filter((part) => part !== null && part !== '').join(' ');
}

async function sendSafely(
  send: () => Promise<MediaEmailResult>,
): Promise<{ sent: true } | { sent: false; reason: string }> {
  try {
    const result = await send();
    return result.kind === 'sent' ? { sent: true } : { sent: false, reason: `Notify refused it (${result.status})` };
  } catch (error) {
    return { sent: false, reason: `Notify did not answer: ${error instanceof Error ? error.message : String(error)}` };
  }
}

interface ReverifyRow {
  user_id: string;
  email: string | null;
  forenames: string | null;
  surname: string | null;
  previous: Date | null;
  last_active: Date;
}

async function requestReverification(
  deps: MediaLifecycleDependencies,
  now: Date,
  result: MediaLifecycleResult,
): Promise<void> {
  // Claim, in one statement, everyone due and not yet asked this period; a concurrent run claims nobody twice.
  const { rows } = await deps.database.query<ReverifyRow>(
    `WITH due AS (
       SELECT user_id, reverify_requested_at AS previous FROM pip_user
        WHERE ${mediaAccount}
          AND ${lastActive} <= $2 AND ${lastActive} > $3
          AND (reverify_requested_at IS NULL OR reverify_requested_at < ${lastActive})
        FOR UPDATE SKIP LOCKED)
     UPDATE pip_user SET reverify_requested_at = $1 FROM due WHERE pip_user.user_id = due.user_id
     RETURNING pip_user.user_id, pip_user.email, pip_user.forenames, pip_user.surname, due.previous,
               GREATEST(pip_user.last_verified_at, pip_user.last_signed_in_at) AS last_active`,
    [now, new Date(now.getTime() - REVERIFY_AFTER_DAYS * DAY_MS), new Date(now.getTime() - EXPIRE_AFTER_DAYS * DAY_MS)],
  );
  for (const row of rows) {
    const reference = `media-reverify-${row.user_id}-${row.last_active.toISOString().slice(0, 10)}`;
    const outcome =
      row.email === null
        ? { sent: false as const, reason: 'the account has no email address' }
        : await sendSafely(() =>
            deps.mailer.sendReverify(
              row.email ?? '',
              { full_name: fullName(row.forenames, row.surname), sign_in_link: deps.links.signIn },
              reference,
            ),
          );
    const details = { lastActiveAt: row.last_active.toISOString(), days: REVERIFY_AFTER_DAYS };
    if (outcome.sent) {
      result.reverifyRequested += 1;
      await recordAuditEvent(deps.database, {
        action: reverifyRequestedAction,
        outcome: 'SUCCESS',
        actor: null,
        objectType: 'user',
        objectId: row.user_id,
        details,
      });
      continue;
    }
    result.reverifyFailed += 1;
    result.failures.push({ step: 'REVERIFY_EMAIL', userId: row.user_id, reason: outcome.reason });
    await inTransaction(deps.database, async (client) => {
      // Undo the claim, so the next run asks again.
      await client.query(
        'UPDATE pip_user SET reverify_requested_at = $3 WHERE user_id = $1 AND reverify_requested_at = $2',
        [row.user_id, now, row.previous],
      );
      await recordAuditEvent(client, {
        action: reverifyRequestedAction,
        outcome: 'FAILURE',
        actor: null,
        objectType: 'user',
        objectId: row.user_id,
        details: { ...details, reason: outcome.reason },
      });
    });
  }
}

async function expireAccounts(
  deps: MediaLifecycleDependencies,
  now: Date,
  result: MediaLifecycleResult,
): Promise<void> {
  const cutoff = new Date(now.getTime() - EXPIRE_AFTER_DAYS * DAY_MS);
  const { rows } = await deps.database.query<UserRow & { last_active: Date }>(
    `SELECT ${userColumns}, ${lastActive} AS last_active FROM pip_user
      WHERE ${mediaAccount} AND ${lastActive} <= $1 ORDER BY ${lastActive}`,
    [cutoff],
  );
  for (const row of rows) {
    const user = recordOf(row);
    const details = {
      lastActiveAt: row.last_active.toISOString(),
      days: EXPIRE_AFTER_DAYS,
      directory: deps.directory.name,
    };
    const deleted = await deps.directory.deleteMediaAccount(user.provenanceUserId);
    if (!deleted.ok) {
      result.expiryFailed += 1;
      result.failures.push({ step: 'DIRECTORY_DELETE', userId: user.userId, reason: deleted.message });
      await recordAuditEvent(deps.database, {
        action: accountExpiredAction,
        outcome: 'FAILURE',
        actor: null,
        objectType: 'user',
        objectId: user.userId,
        details: { ...details, reason: deleted.reason, message: deleted.message },
      });
      continue;
    }
    const removed = await inTransaction(deps.database, async (client) => {
      // Still there and still expired (a sign-in since the selection keeps it here; the directory deletion is final).
      const { rows: current } = await client.query<{ user_id: string }>(
        `SELECT user_id FROM pip_user WHERE user_id = $1 AND ${lastActive} <= $2 FOR UPDATE`,
        [user.userId, cutoff],
      );
      if (current.length === 0) return null;
      const counts = await removeUserRows(client, user);
      await recordAuditEvent(client, {
        action: accountExpiredAction,
        outcome: 'SUCCESS',
        actor: null,
        objectType: 'user',
        objectId: user.userId,
        details: { ...details, existedInDirectory: deleted.existed, email: user.email, ...counts },
      });
      return counts;
    });
    if (removed === null) continue;
    result.expired += 1;
    if (user.email === null) continue;
    const email = user.email;
    const sent = await sendSafely(() =>
      deps.mailer.sendDeleted(
        email,
        { full_name: fullName(user.forenames, user.surname), apply_link: deps.links.apply },
        `media-deleted-${user.userId}`,
      ),
    );
    if (!sent.sent) {
      result.deletedEmailsFailed += 1;
      result.failures.push({ step: 'DELETED_EMAIL', userId: user.userId, reason: sent.reason });
    }
  }
}

/** One run at `now`: the 365-day deletions first, then the 350-day requests. Safe to run twice the same day. */
export async function runMediaAccountLifecycle(
  deps: MediaLifecycleDependencies,
  now: Date,
): Promise<MediaLifecycleResult> {
  const result: MediaLifecycleResult = {
    reverifyRequested: 0,
    reverifyFailed: 0,
    expired: 0,
    expiryFailed: 0,
    deletedEmailsFailed: 0,
    failures: [],
  };
  await expireAccounts(deps, now, result);
  await requestReverification(deps, now, result);
  return result;
}
