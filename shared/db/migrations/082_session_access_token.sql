-- Issue 19: a session keeps its provider's access token, sealed (AES-256-GCM under a key derived from SESSION_SECRET),
-- so that sign-out can revoke it at CFT IDAM (seed 3.3.4.1 step 4). Null where the provider revokes nothing.
ALTER TABLE user_session ADD COLUMN access_token text;
