-- The digest ledger prune (functions/housekeeping, shared/housekeeping/digest-item-prune.ts): every day the items of
-- finished digests planned more than 7 days ago, and before the next run's window, are deleted
-- (shared/subscriptions/digest-store.ts pruneDigestItems). It finds the digests by when they were planned.
-- told_user_ids: the people a digest told, kept when its items are pruned, so its unsubscribe link
-- (shared/subscriptions/unsubscribe.ts) still removes their subscriptions. NULL while the items are there.
ALTER TABLE subscription_digest ADD COLUMN told_user_ids uuid[];
CREATE INDEX subscription_digest_planned_for ON subscription_digest (planned_for);
