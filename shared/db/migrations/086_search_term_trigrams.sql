-- The subscription search (/subscriptions/add: case numbers, URNs, case names and party names containing what was
-- typed, shared/publications/store/search-term-lookup.ts) reads the lists' search terms. Without an index it reads
-- every list on display and unpacks all its terms. A trigram index per kind of term, over the lower-cased JSON text
-- of that kind's array, finds the lists whose terms may contain the text (three characters or more), and only their
-- terms are unpacked and compared.
--
-- pg_trgm is a contrib extension of PostgreSQL (Azure Database for PostgreSQL: allow-listed in azure.extensions,
-- bicep/modules/data.bicep; PGlite: loaded by local/services/embedded-postgres.ts). It is created in `public`, once
-- per database, whichever schema migrates first; concurrent migrations (test schemas) may race to create it.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
EXCEPTION WHEN unique_violation OR duplicate_object THEN
  NULL;
END
$$;

-- The text indexed: one kind of the list's terms as lower-cased JSON. A function (not inlined, being plpgsql) so that
-- its cost is declared: the terms live out of line (TOAST), so reading them for every list costs far more than the
-- planner would otherwise assume, and it would read the few pages of the table in place of the index.
CREATE FUNCTION search_terms_text(search jsonb, kind text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000
  AS $$ BEGIN RETURN lower((search -> kind)::text); END $$;

CREATE INDEX artefact_search_case_numbers_trgm ON artefact
  USING gin (search_terms_text(search, 'caseNumbers') public.gin_trgm_ops) WHERE archived_at IS NULL;
CREATE INDEX artefact_search_case_urns_trgm ON artefact
  USING gin (search_terms_text(search, 'caseUrns') public.gin_trgm_ops) WHERE archived_at IS NULL;
CREATE INDEX artefact_search_case_names_trgm ON artefact
  USING gin (search_terms_text(search, 'caseNames') public.gin_trgm_ops) WHERE archived_at IS NULL;
CREATE INDEX artefact_search_party_names_trgm ON artefact
  USING gin (search_terms_text(search, 'partyNames') public.gin_trgm_ops) WHERE archived_at IS NULL;
