/**
 * Search terms from a JSON list, for subscriptions and case search: case numbers, case names, URNs and the names of
 * parties, leaving out representatives (their names are not what a subscriber follows).
 */

export interface SearchTerms {
  caseNumbers: string[];
  caseNames: string[];
  caseUrns: string[];
  partyNames: string[];
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

function partyName(party: JsonObject): string | null {
  const individual = party.individualDetails;
  if (isObject(individual)) {
    const name = [individual.individualForenames, individual.individualMiddleName, individual.individualSurname]
      .map(text)
      .filter((part): part is string => part !== null)
      .join(' ');
    if (name !== '') return name;
  }
  const organisation = party.organisationDetails;
  if (isObject(organisation)) return text(organisation.organisationName);
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
    if (!isObject(node)) continue;
    const caseNumber = text(node.caseNumber);
    if (caseNumber) terms.caseNumbers.add(caseNumber);
    const caseName = text(node.caseName);
    if (caseName) terms.caseNames.add(caseName);
    const caseUrn = text(node.caseUrn);
    if (caseUrn) terms.caseUrns.add(caseUrn);
    const role = text(node.partyRole);
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
