/**
 * The registered media subscribers (seed 3.6.10: backed up whenever one is added): verified media users, the
 * `pip_user` rows of Azure B2C accounts with the VERIFIED role. Read here, beside the table's owner (./user-store.ts).
 */
import type { Database } from '../db/database.js';

export interface MediaSubscriber {
  userId: string;
  email: string | null;
  forenames: string | null;
  surname: string | null;
  createdAt: Date;
  lastSignedInAt: Date;
}

const mediaSubscriberFilter = `provenance = 'PI_AAD' AND 'VERIFIED' = ANY (roles)`;

/** Changes whenever a media subscriber is added or removed: their count and a digest of their ids. */
export async function mediaSubscribersFingerprint(database: Database): Promise<{ count: number; digest: string }> {
  const { rows } = await database.query<{ count: number; digest: string | null }>(
    `SELECT count(*)::int AS count, md5(string_agg(user_id::text, ',' ORDER BY user_id)) AS digest
       FROM pip_user WHERE ${mediaSubscriberFilter}`,
  );
  return { count: rows[0]?.count ?? 0, digest: rows[0]?.digest ?? '' };
}

/** Every media subscriber, oldest account first. */
export async function mediaSubscribers(database: Database): Promise<MediaSubscriber[]> {
  const { rows } = await database.query<{
    user_id: string;
    email: string | null;
    forenames: string | null;
    surname: string | null;
    created_at: Date;
    last_signed_in_at: Date;
  }>(
    `SELECT user_id, email, forenames, surname, created_at, last_signed_in_at
       FROM pip_user WHERE ${mediaSubscriberFilter} ORDER BY created_at, user_id`,
  );
  return rows.map((row) => ({
    userId: row.user_id,
    email: row.email,
    forenames: row.forenames,
    surname: row.surname,
    createdAt: row.created_at,
    lastSignedInAt: row.last_signed_in_at,
  }));
}
