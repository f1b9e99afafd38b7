-- Housekeeping timers (issue 13; seed 3.6.5 "success and failure of job execution must be reported", 3.6.10 backups):
-- every run of the media subscriber backup and the daily NoMatch report, whatever its outcome, for operators to
-- query (docs/operations.md). Owned by shared/housekeeping/housekeeping-runs.ts. Runs older than 90 days are
-- deleted by the jobs themselves.
CREATE TABLE housekeeping_run (
  run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job text NOT NULL CHECK (job IN ('MEDIA_SUBSCRIBER_BACKUP', 'NO_MATCH_REPORT')),
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  -- DONE: the backup written or the report sent; NOTHING_TO_DO: nothing changed or nothing to report; FAILED.
  outcome text NOT NULL CHECK (outcome IN ('DONE', 'NOTHING_TO_DO', 'FAILED')),
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX housekeeping_run_latest ON housekeeping_run (job, outcome, started_at DESC);
