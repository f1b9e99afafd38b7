/**
 * The search terms of a JSON publication, by its list type's schema: a schema whose payload the strategic walker
 * (./search-terms.ts) cannot read has an extractor of its own here; every other payload is walked.
 */
import type { ListTypeDefinition } from '../catalogue/list-types.js';
import type { PayloadSchemaId } from '../catalogue/payload-schemas.js';
import { nonStrategicSchemaIds, nonStrategicTables } from '../catalogue/schemas/non-strategic-tables.js';
import { crownPddaListSearchTerms } from './crown-pdda-search-terms.js';
import { magistratesAdultCourtListSearchTerms } from './magistrates-adult-search-terms.js';
import { extractSearchTerms, type SearchTerms } from './search-terms.js';
import { tableSearchTerms } from './table-search-terms.js';

export type SearchTermExtractor = (payload: unknown) => SearchTerms;

/** Extractors by payload schema. Adding one for a schema is one line here. */
const extractorsBySchema: Partial<Record<PayloadSchemaId, SearchTermExtractor>> = {
  // The tabular lists: their columns, mapped to terms in ./table-search-terms.ts.
  ...Object.fromEntries(
    nonStrategicSchemaIds.map((id): [PayloadSchemaId, SearchTermExtractor] => [
      id,
      (payload) => tableSearchTerms(nonStrategicTables[id], payload),
    ]),
  ),
  // The magistrates adult court lists: case numbers and defendants, under sessions the walker does not know.
  'magistrates-adult-court-list': magistratesAdultCourtListSearchTerms,
  'magistrates-public-adult-court-list': magistratesAdultCourtListSearchTerms,
  // The crown PDDA lists: XSD-shaped (CaseNumber, Defendants), which the walker does not know.
  'crown-daily-pdda-list': crownPddaListSearchTerms,
  'crown-firm-pdda-list': crownPddaListSearchTerms,
  'crown-warned-pdda-list': crownPddaListSearchTerms,
};

/** The extractor used for the schema (the walker where it has none of its own). */
export function searchTermExtractor(schema: PayloadSchemaId): SearchTermExtractor {
  return extractorsBySchema[schema] ?? extractSearchTerms;
}

/** The publication's search terms; a publication of no known list type (null) is walked. */
export function searchTermsFor(listType: ListTypeDefinition | null, payload: unknown): SearchTerms {
  return listType === null ? extractSearchTerms(payload) : searchTermExtractor(listType.schema)(payload);
}
