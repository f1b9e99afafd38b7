-- Third parties such as Courtel (issue 15): who they are, what they may read, and where their lists are pushed.
--
-- Owned by shared/third-parties/ (third-party-store.ts and push-deliveries.ts). System admins register them at
-- /system-admin/third-parties and through /api/third-parties (audited: THIRD_PARTY_CREATE, THIRD_PARTY_UPDATE).
--
-- third_party: one organisation. `role` is the verified third-party role deciding which CLASSIFIED lists they may
-- read (shared/publications/access/can-read-publication.ts). `oauth_client_id` is the client id their read tokens
-- carry (Azure AD `azp`), matched against the caller of GET /api/third-party/publications. For push: their endpoint,
-- their health endpoint, and the OAuth client-credentials settings at their token server; the secret itself is never
-- stored here: `push_secret_name` names it (a Key Vault secret in Azure, a setting locally).
-- `push_list_types` are the list types they are subscribed to for push (empty: nothing is pushed).

CREATE TABLE third_party (
  third_party_id uuid PRIMARY KEY,
  name text NOT NULL,
  status text NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'SUSPENDED')),
  role text NOT NULL CHECK (
    role IN ('VERIFIED_THIRD_PARTY_ALL', 'VERIFIED_THIRD_PARTY_PRESS', 'VERIFIED_THIRD_PARTY_CRIME',
             'VERIFIED_THIRD_PARTY_CFT', 'GENERAL_THIRD_PARTY')
  ),
  oauth_client_id text,
  push_endpoint text,
  push_health_url text,
  push_token_url text,
  push_client_id text,
  push_scope text,
  push_secret_name text,
  push_list_types text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE UNIQUE INDEX third_party_name_key ON third_party (lower(name));
CREATE UNIQUE INDEX third_party_client_key ON third_party (oauth_client_id) WHERE oauth_client_id IS NOT NULL;

-- One push of one version of one publication to one third party. `version` orders a list's versions (the artefact's
-- superseded_count; a removal is one more than the last version), so an older version is never delivered after a
-- newer one. PENDING until DELIVERED; SKIPPED when there was nothing to send any more (suspended, stale); FAILED when
-- every attempt failed (the message then went to the poison queue).
CREATE TABLE third_party_push (
  push_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  third_party_id uuid NOT NULL REFERENCES third_party (third_party_id) ON DELETE CASCADE,
  artefact_id uuid NOT NULL,
  version integer NOT NULL,
  event text NOT NULL CHECK (event IN ('PUBLISHED', 'UPDATED', 'REMOVED')),
  list_type text,
  location_id text NOT NULL,
  content_date text NOT NULL,
  sensitivity text NOT NULL,
  language text NOT NULL,
  content_type text NOT NULL,
  file_name text,
  blob_name text,
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'SKIPPED', 'FAILED')),
  attempts integer NOT NULL DEFAULT 0,
  claimed_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz,
  UNIQUE (third_party_id, artefact_id, version)
);
CREATE INDEX third_party_push_pending ON third_party_push (third_party_id, artefact_id, version) WHERE status = 'PENDING';

-- The third-party feed (GET /api/third-party/publications) pages newest first on (last_received_at, artefact_id).
CREATE INDEX artefact_feed ON artefact (last_received_at DESC, artefact_id DESC) WHERE archived_at IS NULL;
