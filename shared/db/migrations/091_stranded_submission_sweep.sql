-- The stranded submission sweep (functions/housekeeping, shared/housekeeping/stranded-submissions.ts): a submission
-- still pending 15 minutes after it was received (its blob trigger failed every attempt, or never fired) is claimed
-- by one sweep at a time, which publishes its payload blob by the blob trigger's own code or, when the blob is gone,
-- rejects it with a reason. swept_at is when a sweep last claimed it: another sweep leaves it alone until that claim
-- is 15 minutes old (a sweep that died mid-way is taken over). Owned by shared/publications/store/submissions.ts.
ALTER TABLE submission ADD COLUMN swept_at timestamptz;

-- Each sweep's run, and each prune of the digest ledger (092), is recorded in housekeeping_run like the other jobs.
ALTER TABLE housekeeping_run
  DROP CONSTRAINT housekeeping_run_job_check,
  ADD CONSTRAINT housekeeping_run_job_check
    CHECK (job IN ('MEDIA_SUBSCRIBER_BACKUP', 'NO_MATCH_REPORT', 'STRANDED_SUBMISSION_SWEEP', 'DIGEST_ITEM_PRUNE'));
