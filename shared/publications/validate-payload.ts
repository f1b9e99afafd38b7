/**
 * Validates a parsed JSON payload against its list type's schema. Expected failures are values: each detail names
 * the JSON path of the offending value (e.g. `venue.venueAddress.line[0]`) and the problem.
 */
import type { z } from 'zod';
import { compileFastCheck, type FastCheck } from './fast-check.js';
import { findHtmlInStrings } from './html-check.js';
import { findListType, type ListTypeDefinition } from './list-types.js';
import { payloadSchemas, type PayloadSchemaId } from './payload-schemas.js';
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

/** Fast checks by payload schema, compiled on first use; null where the schema has no fast path. */
const fastChecks = new Map<PayloadSchemaId, FastCheck | null>();

function fastCheckFor(schemaId: PayloadSchemaId): FastCheck | null {
  let check = fastChecks.get(schemaId);
  if (check === undefined) {
    const payloadSchema = payloadSchemas[schemaId];
    check = compileFastCheck(
      [payloadSchema.checkedAgainstMaster ? masterSchema : null, payloadSchema.schema],
      payloadSchema.looseHtmlKeys,
    );
    fastChecks.set(schemaId, check);
  }
  return check;
}

/**
 * The fast path for `schemaId` (see fast-check.ts): true only when the zod path would accept the payload. Exported
 * for the tests that hold the two paths to agreement.
 */
export function fastPathAccepts(schemaId: PayloadSchemaId, parsedJson: unknown): boolean {
  const check = fastCheckFor(schemaId);
  return check !== null && check(parsedJson);
}

/** True when `schemaId` has a fast path (false when its schemas use constructs the fast path does not reproduce). */
export function hasFastPath(schemaId: PayloadSchemaId): boolean {
  return fastCheckFor(schemaId) !== null;
}

/**
 * The full check: the master schema (where it applies), the list's schema and the HTML scan, each reporting every
 * problem with its path. This is the reference the fast path must agree with.
 */
export function validateWithZod(schemaId: PayloadSchemaId, parsedJson: unknown): ValidationResult {
  const payloadSchema = payloadSchemas[schemaId];
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

/**
 * Validates `parsedJson` as a payload of `listType` (a name, looked up case-insensitively, or a catalogue entry).
 * An unknown or deprecated list type is a failure naming the field `listType`.
 *
 * A valid payload is recognised by the fast path, one walk over the payload; any other goes through the zod schemas
 * and the HTML scan, which name every problem.
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
  if (fastPathAccepts(definition.schema, parsedJson)) return { ok: true };
  return validateWithZod(definition.schema, parsedJson);
}
