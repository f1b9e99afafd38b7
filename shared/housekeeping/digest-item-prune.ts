/**
 * The digest ledger prune: subscription_digest_item grows by one row per subscriber told of a publication version
 * (about 190,000 a day at scale) and is read only to leave out what a subscriber was already told in the next runs'
 * overlapping windows. Once a day the items no run can need again are deleted (pruneDigestItems: finished digests
 * planned more than DIGEST_ITEM_RETENTION_DAYS ago, and before the next window), and the run is recorded with the
 * count and the cutoff; the next run starts from that cutoff.
 */
import type { Database } from '../db/database.js';
import { pruneDigestItems } from '../subscriptions/digest-store.js';
import { latestHousekeepingRun, runHousekeeping, type HousekeepingRun } from './housekeeping-runs.js';

export interface DigestItemPruneDependencies {
  database: Database;
  now: () => Date;
}

/** Digests whose items go per statement (a few items each): short transactions beside the digest runs. */
export const DIGEST_ITEM_PRUNE_BATCH = 2_000;

/** How far before the previous cutoff a run looks again, for digests that finished after it. */
export const LATE_FINISH_ALLOWANCE_DAYS = 7;

export function pruneDigestLedger(deps: DigestItemPruneDependencies): Promise<HousekeepingRun> {
  return runHousekeeping(deps.database, 'DIGEST_ITEM_PRUNE', deps.now, async () => {
    const last = await latestHousekeepingRun(deps.database, 'DIGEST_ITEM_PRUNE', ['DONE', 'NOTHING_TO_DO']);
    const lastCutoff = last?.details.cutoff;
    // A digest finished late (queued before the last cutoff, sent after) is still looked at for a while.
    const since =
      typeof lastCutoff === 'string'
        ? new Date(Date.parse(lastCutoff) - LATE_FINISH_ALLOWANCE_DAYS * 86_400_000)
        : null;
    const { deleted, cutoff } = await pruneDigestItems(deps.database, {
      now: deps.now(),
      since,
      batch: DIGEST_ITEM_PRUNE_BATCH,
    });
    // The cutoff is carried on even when nothing was deleted, so the next run starts there.
    const details = { deleted, cutoff: cutoff?.toISOString() ?? (typeof lastCutoff === 'string' ? lastCutoff : null) };
    return { outcome: deleted > 0 ? 'DONE' : 'NOTHING_TO_DO', details };
  });
}
