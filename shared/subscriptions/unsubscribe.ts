/**
 * One-click unsubscribe: what the signed link in a digest email (shared/subscriptions/unsubscribe-links.ts) leads
 * to, without sign-in. The link names the digest; following it removes every email subscription of the people that
 * digest was sent to, with an audit record (SUBSCRIPTION_UNSUBSCRIBE_LINK: which digest, which people, how many
 * subscriptions) in the same transaction. A link that is not validly signed, or names no digest, is `invalid` (the
 * page answers 404 without saying which).
 */
import { recordAuditEvent } from '../audit/audit-log.js';
import { inTransaction, type Database } from '../db/database.js';
import { deleteAllSubscriptions, listSubscriptions } from './subscription-store.js';
import type { Queryable } from './subscription-matching.js';
import { digestIdFromUnsubscribeToken, type UnsubscribeLinkKeys } from './unsubscribe-links.js';

export const unsubscribeAuditAction = 'SUBSCRIPTION_UNSUBSCRIBE_LINK';

export type UnsubscribeLink =
  { kind: 'invalid' } | { kind: 'valid'; digestId: string; userIds: string[]; subscriptions: number };

async function digestUsers(db: Queryable, digestId: string): Promise<string[] | null> {
  const { rows } = await db.query<{ user_ids: string[] | null; found: boolean }>(
    `SELECT true AS found,
            coalesce(
              (SELECT array_agg(DISTINCT i.user_id::text ORDER BY i.user_id::text) FROM subscription_digest_item i
                WHERE i.digest_id = d.digest_id),
              -- Once its items are pruned (shared/housekeeping/digest-item-prune.ts), the people kept on the digest.
              (SELECT array_agg(u::text ORDER BY u::text) FROM unnest(d.told_user_ids) AS u)
            ) AS user_ids
       FROM subscription_digest d WHERE d.digest_id = $1`,
    [digestId],
  );
  const row = rows[0];
  return row ? (row.user_ids ?? []) : null;
}

/** What the link would remove (the confirm page shows the count). */
export async function inspectUnsubscribeLink(
  db: Queryable,
  token: string,
  keys: UnsubscribeLinkKeys,
): Promise<UnsubscribeLink> {
  const digestId = digestIdFromUnsubscribeToken(token, keys);
  if (digestId === null) return { kind: 'invalid' };
  const userIds = await digestUsers(db, digestId);
  if (userIds === null) return { kind: 'invalid' };
  let subscriptions = 0;
  for (const userId of userIds) subscriptions += (await listSubscriptions(db, userId)).length;
  return { kind: 'valid', digestId, userIds, subscriptions };
}

export type UnsubscribeOutcome = { kind: 'invalid' } | { kind: 'unsubscribed'; digestId: string; removed: number };

/** Removes the subscriptions; answers how many went (0 when following the link again). */
export async function unsubscribeByLink(
  database: Database,
  token: string,
  keys: UnsubscribeLinkKeys,
): Promise<UnsubscribeOutcome> {
  const digestId = digestIdFromUnsubscribeToken(token, keys);
  if (digestId === null) return { kind: 'invalid' };
  return inTransaction(database, async (client) => {
    const userIds = await digestUsers(client, digestId);
    if (userIds === null) return { kind: 'invalid' } as const;
    let removed = 0;
    for (const userId of userIds) removed += await deleteAllSubscriptions(client, userId);
    await recordAuditEvent(client, {
      action: unsubscribeAuditAction,
      outcome: 'SUCCESS',
      actor: null,
      objectType: 'subscription-digest',
      objectId: digestId,
      details: { userIds, removed },
    });
    return { kind: 'unsubscribed', digestId, removed } as const;
  });
}
