-- Subscriptions made by people and third parties through the API (POST /api/subscriptions).
--
-- A court (LOCATION_ID) subscription may be narrowed, as the live service's court subscriptions can be, to some list
-- types and to some list languages: an empty array means "every one". The arrays hold canonical values (catalogue list
-- type ids, the languages ENGLISH, WELSH, BI_LINGUAL), sorted and without repeats, so equal narrowings are equal arrays.
--
-- user_id is the subscriber's id derived from their verified token (shared/subscriptions/subscriber.ts). A third
-- party signs in with client credentials and has no email address: its subscriptions are kept (delivery to third
-- parties is not email) and the email digest passes them over, so user_email may now be NULL.

ALTER TABLE subscription
  ADD COLUMN list_types text[] NOT NULL DEFAULT '{}',
  ADD COLUMN languages text[] NOT NULL DEFAULT '{}',
  ALTER COLUMN user_email DROP NOT NULL,
  ADD CONSTRAINT subscription_narrowing_location_only
    CHECK (search_type = 'LOCATION_ID' OR (list_types = '{}' AND languages = '{}')),
  ADD CONSTRAINT subscription_languages_known
    CHECK (languages <@ ARRAY['ENGLISH', 'WELSH', 'BI_LINGUAL']::text[]);

-- The same subscription twice is one subscription: same person, type, value (ignoring case and surrounding spaces)
-- and narrowing. Creating it again finds this index's conflict and answers the row already there.
DROP INDEX subscription_unique_per_user;
CREATE UNIQUE INDEX subscription_unique_per_user
  ON subscription (user_id, search_type, lower(btrim(search_value)), list_types, languages);

-- A person's own subscriptions, newest first.
CREATE INDEX subscription_by_user ON subscription (user_id, created_at DESC);
