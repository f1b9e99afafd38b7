/**
 * Validates a parsed JSON payload against its list type's schema. Expected failures are values: each detail names
 * the JSON path of the offending value (e.g. `venue.venueAddress.line[0]`) and the problem.
 */
import type { z } from 'zod';
import { findHtmlInStrings } from './html-check.js';
import { findListType, type ListTypeDefinition } from './list-types.js';
import { payloadSchemas } from './payload-schemas.js';
import { masterSchema } from './schemas/master.js';

export interface ValidationDetail {
  /** JSON path like `courtLists[0].courtHouse.courtHouseName`; `(root)` for the payload itself. */
  field: string;
  problem: string;
}

export type ValidationResult = { ok: true } | { ok: false; details: ValidationDetail[] };

/** At most this many details are reported: enough to fix a payload, bounded for a hostile one. */
const maxDetails = 100;

const identifier = /^[A-Za-z_@$][\w@$/-]*$/;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && identifier.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** Missing properties read "is required" rather than zod's "expected string, received undefined". */
const errorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;

function zodDetails(schema: z.ZodType, payload: unknown): ValidationDetail[] {
  const result = schema.safeParse(payload, { error: errorMap });
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ field: formatPath(issue.path), problem: issue.message }));
}

/**
 * Validates `parsedJson` as a payload of `listType` (a name, looked up case-insensitively, or a catalogue entry).
 * An unknown or deprecated list type is a failure naming the field `listType`.
 */
export function validatePayload(listType: string | ListTypeDefinition, parsedJson: unknown): ValidationResult {
  let definition: ListTypeDefinition;
  if (typeof listType === 'string') {
    const lookup = findListType(listType);
    if (lookup.kind !== 'found') return { ok: false, details: [{ field: 'listType', problem: lookup.message }] };
    definition = lookup.listType;
  } else {
    definition = listType;
  }

  const payloadSchema = payloadSchemas[definition.schema];
  const details: ValidationDetail[] = [];
  if (payloadSchema.checkedAgainstMaster) details.push(...zodDetails(masterSchema, parsedJson));
  if (payloadSchema.schema !== null) details.push(...zodDetails(payloadSchema.schema, parsedJson));
  for (const finding of findHtmlInStrings(parsedJson, payloadSchema.looseHtmlKeys, maxDetails)) {
    details.push({ field: formatPath(finding.path), problem: finding.problem });
  }
  if (details.length === 0) return { ok: true };

  // The master and list schemas can both object to the same value in the same words: report it once.
  const seen = new Set<string>();
  const unique = details.filter((detail) => {
    const key = `${detail.field}\u0000${detail.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: false, details: unique.slice(0, maxDetails) };
}
