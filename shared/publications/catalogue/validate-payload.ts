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

export type ValidationResult =
  | { ok: true }
  | {
      ok: false;
      details: ValidationDetail[];
      /** How many more problems were found than `details` lists (absent when none were left out). */
      omitted?: number;
    };

/** At most this many details are reported: enough to fix a payload, bounded for a hostile one. */
export const maxDetails = 50;

/** Why a JSON payload of a file-only list type is refused. */
export const fileOnlyProblem = 'is published as a file only (PDF, Word or Excel), never as JSON';

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

/**
 * Adds the problems zod finds to `into`, formatting paths only for those that can still be listed (a payload of
 * 200,000 wrong items has 200,000 issues). No spread: a long list must not meet the engine's argument limit.
 * Answers how many issues were found in all.
 */
function addZodDetails(schema: z.ZodType, payload: unknown, into: ValidationDetail[], room: number): number {
  const result = schema.safeParse(payload, { error: errorMap });
  if (result.success) return 0;
  const { issues } = result.error;
  for (let index = 0; index < issues.length && index < room; index++) {
    const issue = issues[index];
    if (issue !== undefined) into.push({ field: formatPath(issue.path), problem: issue.message });
  }
  return issues.length;
}

/** Fast checks by payload schema, compiled on first use; null where the schema has no fast path. */
const fastChecks = new Map<PayloadSchemaId, FastCheck | null>();

function fastCheckFor(schemaId: PayloadSchemaId): FastCheck | null {
  let check = fastChecks.get(schemaId);
  if (check === undefined) {
    const payloadSchema = payloadSchemas[schemaId];
    // No JSON is accepted, so there is nothing for a fast path to accept.
    check = !payloadSchema.acceptsJson
      ? null
      : compileFastCheck(
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
  if (!payloadSchema.acceptsJson) return { ok: false, details: [{ field: '(root)', problem: fileOnlyProblem }] };
  // Up to twice the cap is gathered from each source, so that after merging duplicates the cap is still filled.
  const room = 2 * maxDetails;
  const details: ValidationDetail[] = [];
  let found = 0;
  if (payloadSchema.checkedAgainstMaster) found += addZodDetails(masterSchema, parsedJson, details, room);
  if (payloadSchema.schema !== null) found += addZodDetails(payloadSchema.schema, parsedJson, details, room);
  for (const finding of findHtmlInStrings(parsedJson, payloadSchema.looseHtmlKeys, room)) {
    details.push({ field: formatPath(finding.path), problem: finding.problem });
    found++;
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
  const listed = unique.slice(0, maxDetails);
  // An estimate: duplicates among issues not gathered are counted twice, and the HTML scan stops at `room`.
  const omitted = found - (details.length - unique.length) - listed.length;
  return omitted > 0 ? { ok: false, details: listed, omitted } : { ok: false, details: listed };
}

/**
 * Validates `parsedJson` as a payload of `listType` (a name, looked up case-insensitively, or a catalogue entry).
 * An unknown or deprecated list type, or one published as a file only, is a failure naming the field `listType`.
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
  if (definition.fileOnly) {
    return { ok: false, details: [{ field: 'listType', problem: `${definition.id} ${fileOnlyProblem}` }] };
  }
  if (fastPathAccepts(definition.schema, parsedJson)) return { ok: true };
  return validateWithZod(definition.schema, parsedJson);
}
