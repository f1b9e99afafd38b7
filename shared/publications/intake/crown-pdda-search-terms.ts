/**
 * Search terms from the crown PDDA lists (daily, firm, warned: schemas `crown-*-pdda-list`), XSD-shaped documents
 * the courtLists walker (./search-terms.ts) finds nothing in. A case is any object with a `CaseNumber` (hearings of
 * the daily and firm lists, the warned list's fixture cases and their linked cases): its number, and of each of its
 * `Defendants` the URN and the name. A defendant whose name is masked (`IsMasked: yes`) is shown by its masked name
 * only, so the real name is never a search term; the masked name is not one either (it names nobody).
 */
import type { SearchTerms } from './search-terms.js';
import { isJsonObject, nonBlankText, arrayItems } from './json-values.js';

/** The name of a defendant's `PersonalDetails`: forenames then surname; null when masked or absent. */
function defendantName(details: unknown): string | null {
  if (!isJsonObject(details) || details.IsMasked === 'yes' || !isJsonObject(details.Name)) return null;
  const name = details.Name;
  const parts = [...arrayItems(name.CitizenNameForename).map(nonBlankText), nonBlankText(name.CitizenNameSurname)];
  const joined = parts.filter((part): part is string => part !== null).join(' ');
  return joined === '' ? null : joined;
}

export function crownPddaListSearchTerms(payload: unknown): SearchTerms {
  const caseNumbers = new Set<string>();
  const caseUrns = new Set<string>();
  const partyNames = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    if (!isJsonObject(value)) return;
    const caseNumber = nonBlankText(value.CaseNumber);
    if (caseNumber !== null) {
      caseNumbers.add(caseNumber);
      for (const defendant of arrayItems(value.Defendants)) {
        if (!isJsonObject(defendant)) continue;
        const urn = nonBlankText(defendant.URN);
        if (urn !== null) caseUrns.add(urn);
        const name = defendantName(defendant.PersonalDetails);
        if (name !== null) partyNames.add(name);
      }
    }
    for (const child of Object.values(value)) if (typeof child === 'object') visit(child, depth + 1);
  };
  visit(payload, 0);
  return {
    caseNumbers: [...caseNumbers].sort(),
    caseNames: [],
    caseUrns: [...caseUrns].sort(),
    partyNames: [...partyNames].sort(),
  };
}
