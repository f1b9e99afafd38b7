/** The subscriptions pages' port, bound to PostgreSQL through the table's owner (shared/subscriptions). */
import type { Database } from '../../../shared/db/database.js';
import { ownSubscriptions, removeOwnSubscription } from '../../../shared/subscriptions/own-subscriptions.js';
import type { SubscriptionBook } from '../web-dependencies.js';

export function databaseSubscriptionBook(database: Database): SubscriptionBook {
  return {
    list: (principal) => ownSubscriptions(database, principal),
    remove: (principal, subscriptionId) => removeOwnSubscription(database, principal, subscriptionId),
  };
}
