/**
 * Search terms from a JSON list, for subscriptions and case search: case numbers, case names, URNs and the names of
 * parties, leaving out representatives (their names are not what a subscriber follows).
 */
import { isJsonObject, type JsonObject, nonBlankText } from './json-values.js';

export interface SearchTerms {
  caseNumbers: string[];
  caseNames: string[];
  caseUrns: string[];
  partyNames: string[];
}

/** A party's name as lists give it: an individual's forenames, middle name and surname, or an organisation's name. */
export function partyName(party: JsonObject): string | null {
  const individual = party.individualDetails;
  if (isJsonObject(individual)) {
    const name = [individual.individualForenames, individual.individualMiddleName, individual.individualSurname]
      .map(nonBlankText)
      .filter((part): part is string => part !== null)
      .join(' ');
    if (name !== '') return name;
  }
  const organisation = party.organisationDetails;
  if (isJsonObject(organisation)) return nonBlankText(organisation.organisationName);
  return null;
}

export function extractSearchTerms(payload: unknown): SearchTerms {
  const terms = {
    caseNumbers: new Set<string>(),
    caseNames: new Set<string>(),
    caseUrns: new Set<string>(),
    partyNames: new Set<string>(),
  };
  const stack: unknown[] = [payload];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (Array.isArray(node)) {
      // One push at a time: a spread of 200,000 items exceeds the engine's argument limit.
      for (const item of node as unknown[]) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    if (!isJsonObject(node)) continue;
    const caseNumber = nonBlankText(node.caseNumber);
    if (caseNumber) terms.caseNumbers.add(caseNumber);
    const caseName = nonBlankText(node.caseName);
    if (caseName) terms.caseNames.add(caseName);
    const caseUrn = nonBlankText(node.caseUrn);
    if (caseUrn) terms.caseUrns.add(caseUrn);
    const role = nonBlankText(node.partyRole);
    if (role !== null && !/REPRESENTATIVE/i.test(role)) {
      const name = partyName(node);
      if (name) terms.partyNames.add(name);
    }
    for (const value of Object.values(node)) if (typeof value === 'object' && value !== null) stack.push(value);
  }
  return {
    caseNumbers: [...terms.caseNumbers].sort(),
    caseNames: [...terms.caseNames].sort(),
    caseUrns: [...terms.caseUrns].sort(),
    partyNames: [...terms.partyNames].sort(),
  };
}
