-- Email subscriptions and the daily digest that fulfils them.
-- A subscription follows a court, a case (number, URN, name), a party or a list type. The daily-subscriptions timer
-- matches the publications made available since its last run, plans one digest per recipient email, and queues it;
-- the sendSubscriptionDigest queue trigger sends it through GOV.UK Notify.

CREATE TABLE subscription (
  subscription_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The subscriber (pip_user.user_id once the identity work manages subscriptions; no foreign key until then, so
  -- subscriptions can be loaded for people not yet signed in here).
  user_id uuid NOT NULL,
  user_email text NOT NULL,
  search_type text NOT NULL
    CHECK (search_type IN ('LOCATION_ID', 'CASE_NUMBER', 'CASE_URN', 'CASE_NAME', 'PARTY_NAME', 'LIST_TYPE')),
  -- LOCATION_ID: our court id; LIST_TYPE: a list type id (e.g. CIVIL_DAILY_CAUSE_LIST); otherwise the case or party.
  search_value text NOT NULL CHECK (btrim(search_value) <> ''),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Values match case-insensitively and trimmed, so they are unique that way too.
CREATE UNIQUE INDEX subscription_unique_per_user ON subscription (user_id, search_type, lower(btrim(search_value)));
CREATE INDEX subscription_lookup ON subscription (search_type, lower(btrim(search_value)));

-- One email to one recipient. PENDING: planned, not yet known to be queued; QUEUED: on the queue; SENT: accepted by
-- Notify; FAILED: refused by Notify for good (e.g. an invalid address), not retried; CANCELLED: nothing left to send
-- (every publication in it was archived before sending).
CREATE TABLE subscription_digest (
  digest_id uuid PRIMARY KEY,
  user_email text NOT NULL,
  -- The end of the run window that planned it.
  planned_for timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'QUEUED', 'SENT', 'FAILED', 'CANCELLED')),
  created_at timestamptz NOT NULL DEFAULT now(),
  queued_at timestamptz,
  completed_at timestamptz,
  notify_notification_id text,
  failure_code text,
  failure_detail text
);
CREATE INDEX subscription_digest_pending ON subscription_digest (created_at) WHERE status = 'PENDING';
CREATE INDEX subscription_digest_status ON subscription_digest (status, completed_at);

-- Which publication version each subscriber was (or is about to be) told about. The primary key is the idempotency
-- key: a publication version is planned into at most one digest per subscriber, ever, so re-runs and overlapping
-- windows never email twice; a re-sent (superseded) list has a new last_received_at and is told about again.
CREATE TABLE subscription_digest_item (
  user_id uuid NOT NULL,
  artefact_id uuid NOT NULL,
  -- artefact.last_received_at of the version told about.
  artefact_version timestamptz NOT NULL,
  digest_id uuid NOT NULL REFERENCES subscription_digest (digest_id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, artefact_id, artefact_version)
);
CREATE INDEX subscription_digest_item_digest ON subscription_digest_item (digest_id);

-- Completed timer runs: the next run starts from the newest window_to (less an allowance for ingestion lag).
CREATE TABLE subscription_run (
  run_id uuid PRIMARY KEY,
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL,
  matches integer NOT NULL,
  digests_planned integer NOT NULL,
  digests_queued integer NOT NULL,
  completed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscription_run_window_to ON subscription_run (window_to DESC);

-- A publication becomes news for subscribers when it is received or, if later, when its display window opens.
CREATE INDEX artefact_notifiable_at ON artefact ((greatest(last_received_at, display_from))) WHERE archived_at IS NULL;
