-- Admin roles are held in our database and granted there (issue 18, finding 1; shared/auth/role-sources.ts).
--
-- Until now a person's roles were copied from their token at each sign-in unless a system admin had assigned them
-- (roles_assigned_at). A token's admin role claim now gains nothing, so an admin role that only ever came from a
-- token is removed, and the sessions of those people end (their next sign-in carries the roles that apply).
WITH token_admins AS (
  UPDATE pip_user
     SET roles = ARRAY(
           SELECT role FROM unnest(roles) AS role
            WHERE role NOT IN ('INTERNAL_ADMIN_CTSC', 'INTERNAL_ADMIN_LOCAL', 'INTERNAL_SUPER_ADMIN_CTSC',
                               'INTERNAL_SUPER_ADMIN_LOCAL', 'SYSTEM_ADMIN'))
   WHERE roles_assigned_at IS NULL
     AND roles && ARRAY['INTERNAL_ADMIN_CTSC', 'INTERNAL_ADMIN_LOCAL', 'INTERNAL_SUPER_ADMIN_CTSC',
                        'INTERNAL_SUPER_ADMIN_LOCAL', 'SYSTEM_ADMIN']::text[]
  RETURNING user_id
)
DELETE FROM user_session WHERE user_id IN (SELECT user_id FROM token_admins);
