-- Third-party pushes as an outbox (issue 15): a push row is written in the same transaction that publishes, updates,
-- removes or archives the list, so a crash between "published" and "queued" never loses a push.
--
-- `due_at` is when the push's queue message is expected to run: set when it is planned or queued, and to the end of
-- the backoff when a failed attempt is retried. The sweeper (the thirdPartyPushSweep timer, shared/third-parties/
-- push-delivery.ts `sweepPushes`) queues again the first pending version of each (third party, list) whose message is
-- overdue by more than its grace: one never queued (a crash after the commit), or one whose message was lost.
-- FAILED pushes are parked: listed for operators at GET /api/third-parties/{id}/pushes and retried from there.

ALTER TABLE third_party_push ADD COLUMN due_at timestamptz NOT NULL DEFAULT now();

CREATE INDEX third_party_push_due ON third_party_push (due_at) WHERE status = 'PENDING';
CREATE INDEX third_party_push_parked ON third_party_push (third_party_id, push_id) WHERE status = 'FAILED';
