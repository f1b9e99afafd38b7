/**
 * Search terms from the magistrates adult court lists (schemas `magistrates-adult-court-list` and
 * `magistrates-public-adult-court-list`), which are not courtLists-shaped, so `extractSearchTerms` finds nothing in
 * them: the case numbers (`caseno`) and the defendants' names (`def_name`) of every case of every session. These
 * Libra lists carry no case names and no URNs.
 */
import type { SearchTerms } from './search-terms.js';
import { isJsonObject, type JsonObject, nonBlankText, arrayItems } from './json-values.js';

/** `document.data.job.sessions.session[].blocks.block[].cases.case[]`, read loosely: absent levels give nothing. */
function casesOf(payload: unknown): JsonObject[] {
  const cases: JsonObject[] = [];
  if (!isJsonObject(payload) || !isJsonObject(payload.document) || !isJsonObject(payload.document.data)) return cases;
  const job = payload.document.data.job;
  if (!isJsonObject(job) || !isJsonObject(job.sessions)) return cases;
  for (const session of arrayItems(job.sessions.session)) {
    if (!isJsonObject(session) || !isJsonObject(session.blocks)) continue;
    for (const block of arrayItems(session.blocks.block)) {
      if (!isJsonObject(block) || !isJsonObject(block.cases)) continue;
      for (const hearingCase of arrayItems(block.cases.case)) if (isJsonObject(hearingCase)) cases.push(hearingCase);
    }
  }
  return cases;
}

export function magistratesAdultCourtListSearchTerms(payload: unknown): SearchTerms {
  const caseNumbers = new Set<string>();
  const partyNames = new Set<string>();
  for (const hearingCase of casesOf(payload)) {
    const caseNumber = nonBlankText(hearingCase.caseno);
    if (caseNumber) caseNumbers.add(caseNumber);
    const defendant = nonBlankText(hearingCase.def_name);
    if (defendant) partyNames.add(defendant);
  }
  return { caseNumbers: [...caseNumbers].sort(), caseNames: [], caseUrns: [], partyNames: [...partyNames].sort() };
}
