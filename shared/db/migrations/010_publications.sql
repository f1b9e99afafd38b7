-- Publications (artefacts) and the submissions that deliver them.
-- A submission is one accepted POST: its payload waits in Blob Storage until the blob-uploaded trigger stores it.
-- An artefact is one publication as readers see it: a re-sent list (same court, content day, language, list type
-- and provenance) replaces the previous version in place and counts as superseding it.

CREATE TABLE submission (
  submission_id uuid PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  provenance text NOT NULL,
  submitted_by text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected')),
  artefact_id uuid,
  location_id text,
  superseded_count integer,
  error text,
  completed_at timestamptz
);
CREATE INDEX submission_pending ON submission (received_at) WHERE status = 'pending';

CREATE TABLE artefact (
  artefact_id uuid PRIMARY KEY,
  provenance text NOT NULL,
  source_artefact_id text,
  type text NOT NULL CHECK (type IN ('LIST', 'JUDGEMENTS_AND_OUTCOMES', 'GENERAL_PUBLICATION', 'LCSU')),
  list_type text,
  -- What a re-sent publication is matched on besides court, day, language and provenance.
  list_key text GENERATED ALWAYS AS (coalesce(list_type, type)) STORED,
  -- Our court id, or NoMatch<provenance court id> when the reference data does not know the court.
  location_id text NOT NULL,
  content_date timestamp NOT NULL,
  content_day date NOT NULL,
  language text NOT NULL CHECK (language IN ('ENGLISH', 'WELSH', 'BI_LINGUAL')),
  sensitivity text NOT NULL CHECK (sensitivity IN ('PUBLIC', 'PRIVATE', 'CLASSIFIED', 'INTERNAL')),
  display_from timestamptz NOT NULL,
  display_to timestamptz,
  is_flat_file boolean NOT NULL,
  content_type text NOT NULL,
  file_name text,
  payload_size integer NOT NULL,
  blob_name text NOT NULL,
  submission_id uuid NOT NULL,
  superseded_count integer NOT NULL DEFAULT 0,
  first_received_at timestamptz NOT NULL,
  last_received_at timestamptz NOT NULL,
  search jsonb NOT NULL DEFAULT '{}'::jsonb,
  archived_at timestamptz
);
CREATE UNIQUE INDEX artefact_supersede_key
  ON artefact (location_id, content_day, language, list_key, provenance) WHERE archived_at IS NULL;
CREATE INDEX artefact_location_display ON artefact (location_id, display_from, display_to) WHERE archived_at IS NULL;
CREATE INDEX artefact_no_match ON artefact (location_id) WHERE location_id LIKE 'NoMatch%';
