-- People who have signed in (one row per identity at one identity service), and their server-side sessions.

CREATE TABLE pip_user (
  user_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- PI_AAD (Azure B2C), CFT_IDAM or CRIME_IDAM, and the id that service gives the person.
  provenance text NOT NULL CHECK (provenance IN ('PI_AAD', 'CFT_IDAM', 'CRIME_IDAM')),
  provenance_user_id text NOT NULL,
  email text,
  forenames text,
  surname text,
  roles text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_signed_in_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provenance, provenance_user_id)
);
CREATE INDEX pip_user_email ON pip_user (lower(email));

-- A session is found by the SHA-256 of its cookie value: a copy of this table does not let anyone sign in.
CREATE TABLE user_session (
  session_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES pip_user (user_id) ON DELETE CASCADE,
  -- Which identity service signed the person in (b2c, cftIdam, crimeIdam), for sign-out there.
  issuer text NOT NULL,
  principal jsonb NOT NULL,
  -- The ID token, sent back as id_token_hint when signing out at the identity service.
  id_token text,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  -- The absolute end, whatever the activity.
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);
CREATE INDEX user_session_expires ON user_session (expires_at);

-- GET /api/audit filters by action.
CREATE INDEX audit_log_action ON audit_log (action, occurred_at);
