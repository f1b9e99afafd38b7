/**
 * Search terms from the magistrates adult court lists (schemas `magistrates-adult-court-list` and
 * `magistrates-public-adult-court-list`), which are not courtLists-shaped, so `extractSearchTerms` finds nothing in
 * them: the case numbers (`caseno`) and the defendants' names (`def_name`) of every case of every session. These
 * Libra lists carry no case names and no URNs.
 */
import type { SearchTerms } from './search-terms.js';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** `document.data.job.sessions.session[].blocks.block[].cases.case[]`, read loosely: absent levels give nothing. */
function casesOf(payload: unknown): JsonObject[] {
  const cases: JsonObject[] = [];
  if (!isObject(payload) || !isObject(payload.document) || !isObject(payload.document.data)) return cases;
  const job = payload.document.data.job;
  if (!isObject(job) || !isObject(job.sessions)) return cases;
  for (const session of items(job.sessions.session)) {
    if (!isObject(session) || !isObject(session.blocks)) continue;
    for (const block of items(session.blocks.block)) {
      if (!isObject(block) || !isObject(block.cases)) continue;
      for (const hearingCase of items(block.cases.case)) if (isObject(hearingCase)) cases.push(hearingCase);
    }
  }
  return cases;
}

export function magistratesAdultCourtListSearchTerms(payload: unknown): SearchTerms {
  const caseNumbers = new Set<string>();
  const partyNames = new Set<string>();
  for (const hearingCase of casesOf(payload)) {
    const caseNumber = text(hearingCase.caseno);
    if (caseNumber) caseNumbers.add(caseNumber);
    const defendant = text(hearingCase.def_name);
    if (defendant) partyNames.add(defendant);
  }
  return { caseNumbers: [...caseNumbers].sort(), caseNames: [], caseUrns: [], partyNames: [...partyNames].sort() };
}
