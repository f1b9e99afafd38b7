/**
 * The `subscription` table as subscribers manage it: create (one row per subscription, however often or concurrently
 * it is asked for), list a subscriber's own, delete one of their own. The digest reads it through
 * shared/publications/store/subscription-matches.ts.
 */
import type { Language } from '../publications/publication.js';
import type { Subscriber } from './subscriber.js';
import type { Subscription, SubscriptionRequest } from './subscription.js';
import type { Queryable, SearchType } from './subscription-matching.js';

interface SubscriptionRow {
  subscription_id: string;
  search_type: SearchType;
  search_value: string;
  list_types: string[];
  languages: Language[];
  created_at: Date;
}

const columns = 'subscription_id, search_type, search_value, list_types, languages, created_at';

function subscriptionOf(row: SubscriptionRow): Subscription {
  return {
    subscriptionId: row.subscription_id,
    searchType: row.search_type,
    searchValue: row.search_value,
    listTypes: row.list_types,
    languages: row.languages,
    createdAt: row.created_at,
  };
}

export interface CreatedSubscription {
  /** False when the subscriber already had this subscription: `subscription` is that one. */
  created: boolean;
  subscription: Subscription;
}

/**
 * The subscriber's subscription for `request`, created unless they already have it (same type, value ignoring case
 * and surrounding spaces, same narrowing: the unique index `subscription_unique_per_user`). Concurrent identical
 * requests converge on one row: the insert that loses the race to the index does nothing, and the row that won is
 * read back (visible to this statement under READ COMMITTED once the winner commits).
 */
export async function createSubscription(
  db: Queryable,
  subscriber: Subscriber,
  request: SubscriptionRequest,
): Promise<CreatedSubscription> {
  const values = [
    subscriber.userId,
    request.searchType,
    request.searchValue,
    request.listTypes,
    request.languages,
    subscriber.email,
  ];
  // A row found in conflict may be deleted before it is read back; then the insert is tried again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const inserted = await db.query<SubscriptionRow>(
      `INSERT INTO subscription (user_id, search_type, search_value, list_types, languages, user_email)
       VALUES ($1, $2, $3, $4::text[], $5::text[], $6)
       ON CONFLICT (user_id, search_type, lower(btrim(search_value)), list_types, languages) DO NOTHING
       RETURNING ${columns}`,
      values,
    );
    const row = inserted.rows[0];
    if (row) return { created: true, subscription: subscriptionOf(row) };
    const existing = await db.query<SubscriptionRow>(
      `SELECT ${columns} FROM subscription
        WHERE user_id = $1 AND search_type = $2 AND lower(btrim(search_value)) = lower(btrim($3))
          AND list_types = $4::text[] AND languages = $5::text[]`,
      values.slice(0, 5),
    );
    const found = existing.rows[0];
    if (found) return { created: false, subscription: subscriptionOf(found) };
  }
  throw new Error('a subscription kept conflicting with one that was deleted before it could be read');
}

/** The subscriber's subscriptions, newest first. */
export async function listSubscriptions(db: Queryable, userId: string): Promise<Subscription[]> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT ${columns} FROM subscription WHERE user_id = $1 ORDER BY created_at DESC, subscription_id DESC`,
    [userId],
  );
  return rows.map(subscriptionOf);
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Deletes the subscription if it is the subscriber's own; null when they have none with this id (including an id
 * that is not a UUID at all), whether or not someone else has one.
 */
export async function deleteSubscription(
  db: Queryable,
  userId: string,
  subscriptionId: string,
): Promise<Subscription | null> {
  if (!uuid.test(subscriptionId)) return null;
  const { rows } = await db.query<SubscriptionRow>(
    `DELETE FROM subscription WHERE subscription_id = $1 AND user_id = $2 RETURNING ${columns}`,
    [subscriptionId, userId],
  );
  const row = rows[0];
  return row ? subscriptionOf(row) : null;
}
