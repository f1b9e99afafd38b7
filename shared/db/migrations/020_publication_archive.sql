-- Archiving: a publication whose display window has ended keeps its row (archived_at set) and loses its blob.
-- blob_deleted_at records that the blob is gone, so an archive run that stopped between the two steps finishes
-- the deletion on its next run instead of leaving the blob behind.
ALTER TABLE artefact ADD COLUMN blob_deleted_at timestamptz;
CREATE INDEX artefact_display_to_live ON artefact (display_to) WHERE archived_at IS NULL AND display_to IS NOT NULL;
CREATE INDEX artefact_archived_blob_pending ON artefact (archived_at) WHERE archived_at IS NOT NULL AND blob_deleted_at IS NULL;
