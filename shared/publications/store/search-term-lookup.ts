/**
 * Which case numbers, URNs, case names and party names the lists on display carry: the search terms extracted at
 * ingestion (the artefact's `search` column, ../intake/search-terms.ts), so that a subscriber chooses a value the
 * digest will match (./subscription-matches.ts compares whole values, ignoring case and surrounding spaces). Only
 * PUBLIC lists at courts we know, on display now, are searched: a search must reveal nothing a reader could not see.
 */
import type { Database } from '../../db/database.js';

export const searchTermKeys = {
  CASE_NUMBER: 'caseNumbers',
  CASE_URN: 'caseUrns',
  CASE_NAME: 'caseNames',
  PARTY_NAME: 'partyNames',
} as const;
export type CaseSearchType = keyof typeof searchTermKeys;

export interface SearchTermHit {
  /** The value as the lists carry it (of spellings equal ignoring case and surrounding spaces, the commonest). */
  value: string;
  /** How many lists on display carry it. */
  lists: number;
}

export const MAX_SEARCH_TERM_HITS = 50;

/**
 * The lists' terms of one kind containing `$2` (ignoring case). `prefilter` adds the condition the kind's trigram
 * index answers (migration 086): the lower-cased JSON text of the list's terms of that kind (search_terms_text)
 * contains `$5`, the text with LIKE's wildcards escaped (lower-cased here, by the same lower() as the index). The key is a literal from searchTermKeys (an index matches its expression exactly), never input.
 */
const lookupSql = (key: (typeof searchTermKeys)[CaseSearchType], prefilter: boolean): string => `
SELECT mode() WITHIN GROUP (ORDER BY btrim(t.value)) AS value, count(DISTINCT a.artefact_id)::int AS lists
  FROM artefact a
 CROSS JOIN LATERAL jsonb_array_elements_text(
   CASE WHEN jsonb_typeof(a.search -> $1) = 'array' THEN a.search -> $1 ELSE '[]'::jsonb END
 ) AS t (value)
 WHERE a.archived_at IS NULL
   AND a.sensitivity = 'PUBLIC'
   AND a.location_id NOT LIKE 'NoMatch%'
   AND a.type <> 'LCSU'
   AND a.display_from <= $3
   AND (a.display_to IS NULL OR a.display_to > $3)
   ${prefilter ? `AND search_terms_text(a.search, '${key}') LIKE ('%' || lower($5) || '%')` : 'AND $5::text IS NULL'}
   AND strpos(lower(t.value), lower($2)) > 0
 GROUP BY lower(btrim(t.value))
 ORDER BY lower(btrim(t.value))
 LIMIT $4`;

/**
 * The query as LIKE text (its `%` and `_` escaped) to find in the JSON text of the terms, or null where that text
 * may spell the query otherwise: JSON escapes `"`, `\` and control characters, so a query holding one is searched
 * without the index.
 */
export function jsonTextPattern(query: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/["\\\u0000-\u001f]/.test(query)) return null;
  return query.replace(/[%_]/g, (c) => `\\${c}`);
}

/** The values containing `query` (ignoring case), in order, at most `limit`. */
export async function findSearchTerms(
  database: Database,
  searchType: CaseSearchType,
  query: string,
  now: Date,
  limit = MAX_SEARCH_TERM_HITS,
): Promise<SearchTermHit[]> {
  const key = searchTermKeys[searchType];
  const pattern = jsonTextPattern(query.trim());
  const { rows } = await database.query<{ value: string; lists: number }>(lookupSql(key, pattern !== null), [
    key,
    query.trim(),
    now,
    limit,
    pattern,
  ]);
  return rows.map((row) => ({ value: row.value, lists: row.lists }));
}
