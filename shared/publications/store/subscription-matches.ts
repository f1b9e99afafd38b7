/**
 * Which publications made available in a run window match which subscriptions, leaving out every publication
 * version a subscriber has already been told about (subscription_digest_item). The subscription types are
 * shared/subscriptions'; the query is here because it reads the `artefact` table, which this store owns.
 */
import type { Queryable, RunWindow, SearchType, SubscriptionMatch } from '../../subscriptions/subscription-matching.js';

/**
 * A publication is news once it is received or, if later, once its display window opens: greatest(last_received_at,
 * display_from) falls in the window, and it is still on display at the window's end.
 *
 * PUBLIC, PRIVATE and CLASSIFIED publications are matched; each match carries the facts the read rule looks at
 * (sensitivity, list type, display window) and the caller keeps only those the subscriber may read
 * (shared/subscriptions/digest-planning.ts applies canReadPublication). INTERNAL ones are never sent. Live case status updates are not announced (they are for court screens, and may come every
 * minute). NoMatch locations are left out as the live service does: a publication for a court the
 * reference data does not know is not shown to the public, so it is not announced either.
 *
 * Case numbers, URNs, case names and party names match whole values, ignoring case and surrounding spaces, against
 * the artefact's `search` terms; locations match our court id; list types match the list type id ignoring case.
 * A court subscription narrowed to list types (`list_types`, catalogue ids) matches only lists of those types, and
 * one narrowed to languages (`languages`) only lists in one of them (a BI_LINGUAL list is its own language, as in
 * the live service); an empty narrowing is none. Subscriptions without an email address (third parties, delivered
 * otherwise) get no email digest.
 */
// The store owns `artefact`, so this set-based match lives here: one statement joins the publications of the window
// with the subscriptions and the digest items already sent. Each match row is kept narrow (ids and the
// subscription); the facts of each publication (its version and what the read rule needs) come once per publication
// from a second, small statement over the same window, and are joined in memory: at 100,000 subscriptions and 1,000
// lists the rows number about 190,000, and carrying the facts on each cost more than the match itself.
const candidateWhere = `
   WHERE a.archived_at IS NULL
     AND a.sensitivity IN ('PUBLIC', 'PRIVATE', 'CLASSIFIED')
     AND a.location_id NOT LIKE 'NoMatch%'
     AND a.type <> 'LCSU'
     AND greatest(a.last_received_at, a.display_from) > $1
     AND greatest(a.last_received_at, a.display_from) <= $2
     AND (a.display_to IS NULL OR a.display_to > $2)`;

const candidatesSql = `
SELECT a.artefact_id, to_json(a.last_received_at) #>> '{}' AS artefact_version, a.sensitivity, a.list_type,
       a.display_from, a.display_to
  FROM artefact a ${candidateWhere}`;

// The match is three joins, one per kind of subscription key, appended: a court subscription joins the candidates by
// court id (and is narrowed by list type and language), a list type subscription by list type, and a case or party
// subscription by the candidates' search terms (each term once per publication, so no match row comes twice). The
// rows are not sorted: the caller groups them by recipient in memory, and the digest email orders its lists.
// At 100,000 subscriptions and 1,000 lists (bench/digest) this is about 190,000 rows; the facts of each publication
// come from candidatesSql. What each subscriber was already told (`told`) is looked up for the window's publication
// versions only, through subscription_digest_item_artefact (migration 098): a week of items is about a million rows,
// and comparing each match with all of them cost more than the match itself.
export const matchesSql = `
WITH candidate AS MATERIALIZED (
  SELECT a.artefact_id, lower(btrim(a.location_id)) AS location_key, lower(btrim(a.list_type)) AS list_type_key,
         upper(a.list_type) AS list_type_id, a.language, a.search, a.last_received_at
    FROM artefact a ${candidateWhere}
),
term AS (
  SELECT DISTINCT c.artefact_id, k.search_type, lower(btrim(t.value)) AS value
    FROM candidate c
   CROSS JOIN (VALUES ('CASE_NUMBER', 'caseNumbers'), ('CASE_URN', 'caseUrns'), ('CASE_NAME', 'caseNames'),
                      ('PARTY_NAME', 'partyNames')) AS k (search_type, search_key)
   CROSS JOIN LATERAL jsonb_array_elements_text(
     CASE WHEN jsonb_typeof(c.search -> k.search_key) = 'array' THEN c.search -> k.search_key ELSE '[]'::jsonb END
   ) AS t (value)
),
matched AS (
  SELECT s.subscription_id, s.user_id, s.user_email, s.search_type, s.search_value, c.artefact_id
    FROM candidate c
    JOIN subscription s ON s.search_type = 'LOCATION_ID' AND lower(btrim(s.search_value)) = c.location_key
   WHERE (s.list_types = '{}' OR c.list_type_id = ANY (s.list_types))
     AND (s.languages = '{}' OR c.language = ANY (s.languages))
  UNION ALL
  SELECT s.subscription_id, s.user_id, s.user_email, s.search_type, s.search_value, c.artefact_id
    FROM candidate c
    JOIN subscription s ON s.search_type = 'LIST_TYPE' AND lower(btrim(s.search_value)) = c.list_type_key
  UNION ALL
  SELECT s.subscription_id, s.user_id, s.user_email, s.search_type, s.search_value, term.artefact_id
    FROM term
    JOIN subscription s ON s.search_type = term.search_type AND lower(btrim(s.search_value)) = term.value
),
told AS MATERIALIZED (
  SELECT i.user_id, i.artefact_id
    FROM candidate c
    JOIN subscription_digest_item i ON i.artefact_id = c.artefact_id AND i.artefact_version = c.last_received_at
)
SELECT m.subscription_id, m.user_id, m.user_email, m.search_type, m.search_value, m.artefact_id
  FROM matched m
 WHERE m.user_email IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM told t WHERE t.user_id = m.user_id AND t.artefact_id = m.artefact_id)`;

interface MatchRow {
  subscription_id: string;
  user_id: string;
  user_email: string;
  search_type: SearchType;
  search_value: string;
  artefact_id: string;
}

interface CandidateRow {
  artefact_id: string;
  artefact_version: string;
  sensitivity: SubscriptionMatch['sensitivity'];
  list_type: string | null;
  display_from: Date;
  display_to: Date | null;
}

export async function findNewMatches(db: Queryable, window: RunWindow): Promise<SubscriptionMatch[]> {
  const candidates = await db.query<CandidateRow>(candidatesSql, [window.from, window.to]);
  const facts = new Map(candidates.rows.map((row) => [row.artefact_id, row]));
  const { rows } = await db.query<MatchRow>(matchesSql, [window.from, window.to]);
  return rows.flatMap((row) => {
    const artefact = facts.get(row.artefact_id);
    // A publication that left the window between the two statements (removed, superseded) is not announced now.
    if (!artefact) return [];
    return [
      {
        subscriptionId: row.subscription_id,
        userId: row.user_id,
        userEmail: row.user_email,
        searchType: row.search_type,
        searchValue: row.search_value,
        artefactId: row.artefact_id,
        artefactVersion: artefact.artefact_version,
        sensitivity: artefact.sensitivity,
        listType: artefact.list_type,
        displayFrom: artefact.display_from,
        displayTo: artefact.display_to,
      },
    ];
  });
}
