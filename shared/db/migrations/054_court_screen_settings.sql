-- Court screens, refresh per court (issue 14, item 3): how often a court's in-court screens reload, in seconds.
--
-- A court without a row refreshes every 60 seconds (the default, applied by the readers in
-- shared/court-screens/screen-settings.ts, which own this table). The period drives the screen page's
-- <meta http-equiv="refresh"> and the live case feed's Cache-Control max-age. System admins change it at
-- /system-admin/court-screens (audited: SCREEN_REFRESH_CHANGE). A deleted court takes its setting with it.

CREATE TABLE court_screen_setting (
  location_id integer PRIMARY KEY REFERENCES court (location_id) ON DELETE CASCADE,
  refresh_seconds integer NOT NULL CHECK (refresh_seconds BETWEEN 15 AND 600),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
