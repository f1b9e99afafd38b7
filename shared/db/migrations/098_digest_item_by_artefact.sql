-- The digest items of given publication versions, by the versions (issue 13, bench/digest). The daily match leaves
-- out what each subscriber was already told: it looks up the items of the window's publications only (a few
-- thousand probes of this index) instead of comparing every match with a week of items (about a million rows).
CREATE INDEX subscription_digest_item_artefact ON subscription_digest_item (artefact_id, artefact_version);
