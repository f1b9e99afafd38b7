-- The digest run ledger (issue 13, digests): every run is recorded when it starts with its window, every digest
-- belongs to one run and goes to one recipient once per run, and every send is claimed before Notify is called.
--
-- subscription_run: a row per run. completed_at stays NULL until every digest of the run is queued; the next run
-- starts from the newest completed window. Existing rows are completed runs.
ALTER TABLE subscription_run
  ALTER COLUMN matches SET DEFAULT 0,
  ALTER COLUMN digests_planned SET DEFAULT 0,
  ALTER COLUMN digests_queued SET DEFAULT 0,
  ALTER COLUMN completed_at DROP NOT NULL,
  ALTER COLUMN completed_at DROP DEFAULT,
  ADD COLUMN started_at timestamptz NOT NULL DEFAULT now(),
  -- Matches dropped because the subscriber may not read the list (PRIVATE, CLASSIFIED).
  ADD COLUMN matches_withheld integer NOT NULL DEFAULT 0;
DROP INDEX subscription_run_window_to;
CREATE INDEX subscription_run_completed_window_to ON subscription_run (window_to DESC) WHERE completed_at IS NOT NULL;

-- subscription_digest: the run that planned it (NULL for digests planned before this migration), the email's
-- language (en or cy: which Notify template), and the send claim:
--   SENDING  claimed by one sender until claimed_until; a sender that died mid-send leaves it to be reclaimed after
--            that, and the reclaimer first asks Notify whether the email (reference = digest id) was already sent.
--   attempts how many times a sender claimed it (Notify 429/5xx are retried with backoff up to a limit).
-- A reclaimed claim, or an attempt Notify did not answer, leaves the outcome unknown: the next attempt first looks
-- the reference up at Notify.
-- The idempotency key per (run, recipient) is the unique index below: a repeated run cannot plan a second digest
-- for the same person, and a repeated message finds the digest no longer claimable.
ALTER TABLE subscription_digest
  ADD COLUMN run_id uuid REFERENCES subscription_run (run_id),
  ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'cy')),
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN claimed_until timestamptz,
  ADD COLUMN last_attempt_at timestamptz,
  -- The last attempt may have reached Notify without an answer (no response): the next one asks Notify first.
  ADD COLUMN send_outcome_unknown boolean NOT NULL DEFAULT false,
  DROP CONSTRAINT subscription_digest_status_check,
  ADD CONSTRAINT subscription_digest_status_check
    CHECK (status IN ('PENDING', 'QUEUED', 'SENDING', 'SENT', 'FAILED', 'CANCELLED'));
CREATE UNIQUE INDEX subscription_digest_once_per_run ON subscription_digest (run_id, lower(user_email));
CREATE INDEX subscription_digest_run ON subscription_digest (run_id, status);

-- The language a subscriber's digests are written in (en unless they chose Welsh). Kept by shared/subscriptions
-- (setSubscriberEmailLanguage); the subscription pages record the language the person subscribed in.
CREATE TABLE subscriber_email_language (
  user_id uuid PRIMARY KEY,
  language text NOT NULL CHECK (language IN ('en', 'cy')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
