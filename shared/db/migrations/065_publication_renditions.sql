-- Issue 13: a JSON list's renditions, one row per version of the publication (its blob name, which is the
-- submission id of that version), written by functions/publication-renditions; owner
-- shared/publications/renditions/rendition-store.ts. The blobs (PDF, workbook) sit beside the payload in the
-- publications container and go with it; the row keeps the version's cases, so "changes since" can compare a
-- version with an earlier one after the earlier blob is gone. No foreign key to artefact (tests and operators
-- truncate artefact on its own): rows are written only for an artefact that exists, and a removed artefact's rows
-- are never read again (both tables are read by artefact id from a live artefact).
CREATE TABLE publication_rendition (
  blob_name text PRIMARY KEY,
  artefact_id uuid NOT NULL,
  version integer NOT NULL,
  pdf_blob_name text,
  pdf_size integer,
  workbook_blob_name text,
  workbook_size integer,
  cases jsonb NOT NULL,
  rendered_at timestamptz NOT NULL
);
CREATE INDEX publication_rendition_artefact ON publication_rendition (artefact_id, version DESC);

-- Which version of each list a digest recipient last received (the digest's attachments step records it after a
-- send), so a re-sent list's email names what changed since then.
CREATE TABLE digest_list_delivery (
  recipient text NOT NULL,
  artefact_id uuid NOT NULL,
  blob_name text NOT NULL,
  delivered_at timestamptz NOT NULL,
  PRIMARY KEY (recipient, artefact_id)
);
