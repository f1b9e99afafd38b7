-- Reporting restrictions on court screens (issue 14, shared/court-screens/reporting-restrictions.ts). A live case
-- status update (LCSU) carries no restriction flag, only each courtroom's latest event; glossary event 38 ("Reporting
-- Restrictions. For details please contact the Court Manager") restricts a case and event 39 ("Reporting Restrictions
-- Lifted") lifts it. restricted_case_numbers: on an LCSU artefact, the case numbers under reporting restrictions at
-- that court as of this update, derived when it is stored (shared/publications/store/persist-publication.ts) from the
-- status it replaces, so a restriction outlives the event that set it. Empty for every other publication.
ALTER TABLE artefact ADD COLUMN restricted_case_numbers text[] NOT NULL DEFAULT '{}';
-- A court's live statuses newest first, archived or not: what a new day's first update carries forward from, and
-- what screens read (shared/publications/store/publication-records.ts latestLiveCaseStatus).
CREATE INDEX artefact_live_status ON artefact (location_id, last_received_at DESC) WHERE type = 'LCSU';
