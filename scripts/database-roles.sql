-- The database roles the deployment creates (not by hand). Run by the pipeline after the migrations, signed in as
-- the PostgreSQL Entra admin group's pipeline identity, with psql variables:
--   psql "host=<postgresHost> dbname=pip user=<pipeline identity> sslmode=require" \
--     -v app_role=<appDatabaseRole output, the app's managed identity name> -f scripts/database-roles.sql
-- Idempotent: safe on every deployment.
--
-- The app's role: its managed identity as an Entra principal, with data access and no DDL (it owns nothing, may
-- create nothing); migrations run under the pipeline's identity, which owns the schema.
\set ON_ERROR_STOP on

SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_role') AS app_role_missing \gset
\if :app_role_missing
  SELECT * FROM pgaadauth_create_principal(:'app_role', false, false);
\endif

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT CONNECT ON DATABASE pip TO :"app_role";
GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO :"app_role";
GRANT EXECUTE ON ALL PROCEDURES IN SCHEMA public TO :"app_role";
-- Tables, sequences and routines later migrations create (as this same identity) are granted the same way.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON ROUTINES TO :"app_role";

-- The audit trail's copy outside the app's reach: pgaudit logs every statement that writes audit_log (object
-- auditing through pip_auditor, pgaudit.role in modules/data.bicep), and the server's logs go to Log Analytics.
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pip_auditor') AS auditor_missing \gset
\if :auditor_missing
  CREATE ROLE pip_auditor NOLOGIN;
\endif
CREATE EXTENSION IF NOT EXISTS pgaudit;
GRANT INSERT, UPDATE, DELETE ON audit_log TO pip_auditor;
