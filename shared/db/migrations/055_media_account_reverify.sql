-- The verified media account lifecycle (issue 12, functions/media-account-lifecycle): when the timer last asked the
-- person to sign in again (at 350 days without verification or sign-in). The request belongs to the period that
-- started at the later of last_verified_at and last_signed_in_at: signing in starts a new period, so the person is
-- asked again 350 days after that, and never twice in the same period.
ALTER TABLE pip_user ADD COLUMN reverify_requested_at timestamptz;
-- The timer's selection: verified media accounts (Azure B2C) by their last activity.
CREATE INDEX pip_user_media_activity ON pip_user (GREATEST(last_verified_at, last_signed_in_at))
  WHERE provenance = 'PI_AAD' AND roles = ARRAY['VERIFIED']::text[];
