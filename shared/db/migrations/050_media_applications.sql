-- Applications for a verified media account (issue 12): the public form /create-media-account writes one, court
-- staff approve or reject it at /court-admin/media-applications. The proof of ID is a private blob in the
-- media-applications container, named by the application id; it is deleted once the application is decided
-- (image_deleted_at), while the row keeps the decision, who made it and when.
CREATE TABLE media_application (
  application_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  full_name text NOT NULL,
  email text NOT NULL,
  employer text NOT NULL,
  -- The proof of ID: its blob, the content type recognised from its bytes, its size and the name it was sent with.
  image_blob_name text NOT NULL,
  image_content_type text NOT NULL CHECK (image_content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  image_size integer NOT NULL CHECK (image_size > 0),
  image_file_name text,
  image_deleted_at timestamptz,
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
  rejection_reasons text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  decided_at timestamptz,
  -- Who decided: the admin's identity-service id and email (as the audit log records people).
  decided_by_user_id text,
  decided_by_email text,
  -- The pip_user the approval created or updated.
  user_id uuid REFERENCES pip_user (user_id) ON DELETE SET NULL,
  CHECK ((status = 'PENDING') = (decided_at IS NULL))
);
-- One pending application per email address (case-insensitive): a second is refused until the first is decided.
CREATE UNIQUE INDEX media_application_one_pending ON media_application (lower(email)) WHERE status = 'PENDING';
CREATE INDEX media_application_pending ON media_application (created_at) WHERE status = 'PENDING';
CREATE INDEX media_application_created ON media_application (created_at);

-- When a verified media account was last verified (approved): the live service's lastVerifiedDate, from which the
-- re-verification at 350 days will count (issue 12, not yet built).
ALTER TABLE pip_user ADD COLUMN last_verified_at timestamptz;
