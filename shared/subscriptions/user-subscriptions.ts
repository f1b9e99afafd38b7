/** A person's subscriptions as a whole: deleting their account deletes them (as the live service does). */
import type { Database, DatabaseClient } from '../db/database.js';

/** Deletes every subscription of one user (pip_user.user_id); answers how many. Runs in the caller's transaction. */
export async function deleteSubscriptionsOfUser(client: Database | DatabaseClient, userId: string): Promise<number> {
  const { rowCount } = await client.query('DELETE FROM subscription WHERE user_id = $1', [userId]);
  return rowCount ?? 0;
}
