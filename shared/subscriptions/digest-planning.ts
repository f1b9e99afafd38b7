/**
 * Planning a run's digests: the set-based match in SQL (shared/publications/store/subscription-matches.ts), then the
 * read rule, then one digest per recipient.
 *
 * Access: a match is kept only when the subscriber may read the list under the same rule as the read API and the
 * pages (canReadPublication), judged as the principal the subscriber's session would carry (their pip_user record:
 * provenance and roles) at the window's end. A subscriber the service holds no roles for reads as anyone does:
 * PUBLIC lists only. So a PRIVATE list goes to verified people, and a CLASSIFIED one only to verified people of the
 * provenances its list type allows.
 */
import type { Principal } from '../auth/principal.js';
import { canReadPublication } from '../publications/access/can-read-publication.js';
import { findNewMatches } from '../publications/store/subscription-matches.js';
import { principalsOfPeopleWithRoles } from '../users/user-store.js';
import { groupIntoDigests, type PlannedDigest } from './digest-grouping.js';
import { subscriberOf } from './subscriber.js';
import type { Queryable, RunWindow, SubscriptionMatch } from './subscription-matching.js';

/** The principal of each subscriber id (subscription.user_id) the service holds roles for. */
export async function subscriberPrincipals(db: Queryable): Promise<Map<string, Principal>> {
  const principals = await principalsOfPeopleWithRoles(db);
  return new Map(principals.map((principal) => [subscriberOf(principal).userId, principal]));
}

/** The matches each subscriber may read at `at`, and how many were withheld. */
export function readableMatches(
  matches: readonly SubscriptionMatch[],
  principals: ReadonlyMap<string, Principal>,
  at: Date,
): { readable: SubscriptionMatch[]; withheld: number } {
  const readable = matches.filter(
    (match) => canReadPublication(principals.get(match.userId) ?? null, match, at).allowed,
  );
  return { readable, withheld: matches.length - readable.length };
}

export interface DigestPlan {
  digests: PlannedDigest[];
  matches: number;
  withheld: number;
}

export async function planDigests(db: Queryable, window: RunWindow): Promise<DigestPlan> {
  const matches = await findNewMatches(db, window);
  const restricted = matches.some((match) => match.sensitivity !== 'PUBLIC');
  const principals = restricted ? await subscriberPrincipals(db) : new Map<string, Principal>();
  const { readable, withheld } = readableMatches(matches, principals, window.to);
  return { digests: groupIntoDigests(readable), matches: readable.length, withheld };
}
