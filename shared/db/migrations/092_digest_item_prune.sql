-- The digest ledger prune (functions/housekeeping, shared/housekeeping/digest-item-prune.ts): every day the items of
-- finished digests planned more than 7 days ago, and before the next run's window, are deleted
-- (shared/subscriptions/digest-store.ts pruneDigestItems). It finds the digests by when they were planned.
CREATE INDEX subscription_digest_planned_for ON subscription_digest (planned_for);
