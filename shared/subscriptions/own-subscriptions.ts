/**
 * What a subscriber does to their own subscriptions, whether through the API or the portal's pages: each create and
 * delete commits together with its audit record (who, when, what). The subscriber is the principal's, always.
 */
import { recordAuditEvent } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction, type Database } from '../db/database.js';
import { courtExists } from '../reference-data/location-queries.js';
import type { EmailLanguage } from './digest-email.js';
import { setSubscriberEmailLanguage } from './digest-store.js';
import { subscriberOf } from './subscriber.js';
import {
  checkSubscriptionRequest,
  type RequestProblem,
  type Subscription,
  type SubscriptionRequest,
} from './subscription.js';
import {
  createSubscription,
  deleteSubscription,
  listSubscriptions,
  type CreatedSubscription,
} from './subscription-store.js';

/** The audit actions; a caller refused for want of a role is recorded under the action attempted (DENIED). */
export const subscriptionAuditActions = {
  create: 'SUBSCRIPTION_CREATE',
  delete: 'SUBSCRIPTION_DELETE',
  list: 'SUBSCRIPTION_LIST',
} as const;

/** What an audit record says about a subscription (never the subscriber's email: the actor columns hold that). */
function described(subscription: SubscriptionRequest): Record<string, unknown> {
  return {
    searchType: subscription.searchType,
    searchValue: subscription.searchValue,
    listTypes: subscription.listTypes,
    languages: subscription.languages,
  };
}

export async function subscribe(
  database: Database,
  principal: Principal,
  request: SubscriptionRequest,
): Promise<CreatedSubscription> {
  const subscriber = subscriberOf(principal);
  return inTransaction(database, async (client) => {
    const made = await createSubscription(client, subscriber, request);
    await recordAuditEvent(client, {
      action: subscriptionAuditActions.create,
      outcome: 'SUCCESS',
      actor: principal,
      objectType: 'subscription',
      objectId: made.subscription.subscriptionId,
      details: { ...described(request), created: made.created, emailDigest: subscriber.email !== null },
    });
    return made;
  });
}

export type RequestedSubscription = ({ ok: true } & CreatedSubscription) | { ok: false; problems: RequestProblem[] };

/**
 * A subscription as asked for (the API's JSON body, or the portal's answers in the same shape): checked
 * (./subscription.ts), the court looked up in the reference data, then made (or the one held answered). The one
 * path by which the API and the pages create subscriptions, so both refuse the same things with the same words.
 */
export async function requestSubscription(
  database: Database,
  principal: Principal,
  body: unknown,
  options: {
    /** The language the subscriber's digests are then written in (the page's, when they subscribe on a page). */
    emailLanguage?: EmailLanguage;
  } = {},
): Promise<RequestedSubscription> {
  const checked = checkSubscriptionRequest(body);
  if (!checked.ok) return checked;
  const wanted = checked.request;
  if (wanted.searchType === 'LOCATION_ID' && !(await courtExists(database, Number(wanted.searchValue)))) {
    return { ok: false, problems: [{ field: 'searchValue', problem: `no court has the id ${wanted.searchValue}` }] };
  }
  const made = await subscribe(database, principal, wanted);
  if (options.emailLanguage !== undefined) {
    await setSubscriberEmailLanguage(database, subscriberOf(principal).userId, options.emailLanguage);
  }
  return { ok: true, ...made };
}

export function ownSubscriptions(database: Database, principal: Principal): Promise<Subscription[]> {
  return listSubscriptions(database, subscriberOf(principal).userId);
}

/** The deleted subscription, or null when it is not the principal's (audited as a FAILURE either way). */
export async function removeOwnSubscription(
  database: Database,
  principal: Principal,
  subscriptionId: string,
): Promise<Subscription | null> {
  return inTransaction(database, async (client) => {
    const gone = await deleteSubscription(client, subscriberOf(principal).userId, subscriptionId);
    await recordAuditEvent(client, {
      action: subscriptionAuditActions.delete,
      outcome: gone ? 'SUCCESS' : 'FAILURE',
      actor: principal,
      objectType: 'subscription',
      // The id as asked for, within reason.
      objectId: subscriptionId.slice(0, 100),
      details: gone ? described(gone) : { reason: 'NOT_FOUND' },
    });
    return gone;
  });
}
