-- Roles a system admin assigned at /system-admin/users win over the identity service's (issue 12, item 7).
--
-- Until now pip_user.roles was overwritten on every sign-in with the roles the ID token carried. A role a system
-- admin gives a person here (or takes away) must last: once roles_assigned_at is set, sign-in keeps the stored roles
-- and the session's principal carries them (shared/users/user-store.ts upsertUserOnSignIn, shared/auth/oidc-sign-in.ts).
ALTER TABLE pip_user ADD COLUMN roles_assigned_at timestamptz;

-- The system admins are counted on every grant (at most 4).
CREATE INDEX pip_user_roles ON pip_user USING gin (roles);
