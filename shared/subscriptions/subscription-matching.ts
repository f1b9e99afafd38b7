/**
 * What a subscription match is: which publication version which subscription is told about. The query that finds
 * them reads the publications, so it lives with their store (shared/publications/store/subscription-matches.ts).
 */
import type { Database, DatabaseClient } from '../db/database.js';

/** A pool, or a client inside a transaction. */
export type Queryable = Database | DatabaseClient;

export const searchTypes = ['LOCATION_ID', 'CASE_NUMBER', 'CASE_URN', 'CASE_NAME', 'PARTY_NAME', 'LIST_TYPE'] as const;
export type SearchType = (typeof searchTypes)[number];

export interface SubscriptionMatch {
  subscriptionId: string;
  userId: string;
  userEmail: string;
  searchType: SearchType;
  searchValue: string;
  artefactId: string;
  /**
   * The publication version: artefact.last_received_at as ISO 8601 text straight from PostgreSQL, so the
   * microseconds survive the round trip into subscription_digest_item (a JS Date would keep milliseconds only).
   */
  artefactVersion: string;
  /** What the read rule (canReadPublication) looks at. */
  sensitivity: 'PUBLIC' | 'PRIVATE' | 'CLASSIFIED';
  listType: string | null;
  displayFrom: Date;
  displayTo: Date | null;
}

export interface RunWindow {
  /** Exclusive. */
  from: Date;
  /** Inclusive; also the instant the display window must still be open at. */
  to: Date;
}
