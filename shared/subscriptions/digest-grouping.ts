/**
 * One digest per recipient email per run: every subscription of every user with that email (one person may hold
 * identities at several identity services) contributes its matches, and each publication is listed once however
 * many subscriptions it matched.
 */
import type { SubscriptionMatch } from './subscription-matching.js';

export interface DigestItem {
  userId: string;
  artefactId: string;
  artefactVersion: string;
}

export interface PlannedDigest {
  /** The address as the first matching subscription holds it. */
  recipient: string;
  /** Each publication once, in first-matched order. */
  artefactIds: string[];
  /** What each subscriber is told about: the idempotency records (one per user, publication and version). */
  items: DigestItem[];
}

const recipientKey = (email: string): string => email.trim().toLowerCase();

export function groupIntoDigests(matches: readonly SubscriptionMatch[]): PlannedDigest[] {
  const digests = new Map<string, { digest: PlannedDigest; artefacts: Set<string>; items: Set<string> }>();
  for (const match of matches) {
    const key = recipientKey(match.userEmail);
    let entry = digests.get(key);
    if (!entry) {
      entry = {
        digest: { recipient: match.userEmail.trim(), artefactIds: [], items: [] },
        artefacts: new Set(),
        items: new Set(),
      };
      digests.set(key, entry);
    }
    if (!entry.artefacts.has(match.artefactId)) {
      entry.artefacts.add(match.artefactId);
      entry.digest.artefactIds.push(match.artefactId);
    }
    const itemKey = `${match.userId}|${match.artefactId}|${match.artefactVersion}`;
    if (!entry.items.has(itemKey)) {
      entry.items.add(itemKey);
      entry.digest.items.push({
        userId: match.userId,
        artefactId: match.artefactId,
        artefactVersion: match.artefactVersion,
      });
    }
  }
  return [...digests.values()].map((entry) => entry.digest);
}
