/** The subscriptions pages' port, bound to PostgreSQL through the tables' owners (shared/subscriptions, the store). */
import type { Database } from '../../../shared/db/database.js';
import { findSearchTerms } from '../../../shared/publications/store/search-term-lookup.js';
import {
  ownSubscriptions,
  removeOwnSubscription,
  requestSubscription,
} from '../../../shared/subscriptions/own-subscriptions.js';
import type { SubscriptionBook } from '../web-dependencies.js';

export function databaseSubscriptionBook(database: Database): SubscriptionBook {
  return {
    list: (principal) => ownSubscriptions(database, principal),
    remove: (principal, subscriptionId) => removeOwnSubscription(database, principal, subscriptionId),
    add: (principal, answers, language) =>
      requestSubscription(database, principal, answers, { emailLanguage: language }),
    searchTerms: (searchType, query, now) => findSearchTerms(database, searchType, query, now),
  };
}
