/**
 * The headers a publisher sends with a publication (names as the live service uses them), validated with zod.
 * Enums are case-insensitive; every problem is reported against the header that caused it.
 */
import { z } from 'zod';
import { findListType } from '../catalogue/list-types.js';
import { languages, publicationTypes, sensitivities } from '../publication.js';
import type { StoredPublication } from './stored-publication.js';

/** Reserved for court staff uploading through the admin page. */
export const MANUAL_UPLOAD_PROVENANCE = 'MANUAL_UPLOAD';

const caseInsensitiveEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(values, { error: `must be one of ${values.join(', ')}` }));

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * True when every part of an ISO 8601 date or date-time names a real moment: a day the month has, hours to 23,
 * minutes and seconds to 59, an offset within ±14:59, and a year from 1900 to 9999 (PostgreSQL has no year 0, and a
 * court list from before 1900 is a mistake).
 */
function isRealDateTime(value: string): boolean {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/.exec(
      value,
    );
  if (match === null) return false;
  const part = (index: number): number => Number(match[index] ?? '0');
  const [year, month, day] = [part(1), part(2), part(3)];
  return (
    year >= 1900 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    part(4) <= 23 &&
    part(5) <= 59 &&
    part(6) <= 59 &&
    part(7) <= 14 &&
    part(8) <= 59
  );
}

/** ISO 8601 date or date-time, with or without an offset (the live API takes local date-times). */
const dateTime = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
    'must be an ISO 8601 date or date-time, e.g. 2026-11-28T09:00:00',
  )
  .refine(isRealDateTime, 'is not a real date (a day the month has, a time to 23:59:59, a year from 1900)');

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Identifiers that are stored and shown: letters, digits, `_` and `-` only. */
const identifier = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -');

export const publicationHeadersSchema = z
  .object({
    'x-provenance': identifier,
    'x-source-artefact-id': text(200).optional(),
    'x-type': caseInsensitiveEnum(publicationTypes),
    'x-list-type': text(100).optional(),
    'x-court-id': identifier,
    'x-content-date': dateTime,
    'x-sensitivity': caseInsensitiveEnum(sensitivities).optional(),
    'x-language': caseInsensitiveEnum(languages),
    'x-display-from': dateTime.optional(),
    'x-display-to': dateTime.optional(),
  })
  .superRefine((headers, ctx) => {
    if (headers['x-type'] === 'LIST') {
      if (headers['x-list-type'] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['x-list-type'], message: 'is required when x-type is LIST' });
      }
    }
    if (headers['x-type'] === 'LCSU' && headers['x-list-type'] !== undefined) {
      // A live case status update has one schema of its own; a list type would validate it against another.
      ctx.addIssue({ code: 'custom', path: ['x-list-type'], message: 'must not be sent when x-type is LCSU' });
    } else if (headers['x-list-type'] !== undefined) {
      const lookup = findListType(headers['x-list-type']);
      if (lookup.kind !== 'found') ctx.addIssue({ code: 'custom', path: ['x-list-type'], message: lookup.message });
      else if (headers['x-sensitivity'] === undefined && lookup.listType.defaultSensitivity !== 'PUBLIC') {
        ctx.addIssue({
          code: 'custom',
          path: ['x-sensitivity'],
          message: `is required for ${lookup.listType.id} (its default is not PUBLIC)`,
        });
      }
    } else if (headers['x-sensitivity'] === undefined && headers['x-type'] !== 'LCSU') {
      ctx.addIssue({ code: 'custom', path: ['x-sensitivity'], message: 'is required when there is no x-list-type' });
    }
    if (headers['x-type'] !== 'GENERAL_PUBLICATION') {
      for (const name of ['x-display-from', 'x-display-to'] as const) {
        if (headers[name] === undefined)
          ctx.addIssue({ code: 'custom', path: [name], message: `is required when x-type is ${headers['x-type']}` });
      }
    }
    const from = headers['x-display-from'];
    const to = headers['x-display-to'];
    if (from !== undefined && to !== undefined && toInstant(to).getTime() < toInstant(from).getTime()) {
      ctx.addIssue({ code: 'custom', path: ['x-display-to'], message: 'must not be before x-display-from' });
    }
  });

/** Local date-times (no offset) are UK court times; they are stored as given and compared as UTC. */
export function toInstant(value: string): Date {
  if (value.length === 10) return new Date(`${value}T00:00:00Z`);
  return new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/** What the headers say: the part of the stored publication a publisher sends (see stored-publication.ts). */
export type PublicationMetadata = Pick<
  StoredPublication,
  | 'provenance'
  | 'sourceArtefactId'
  | 'type'
  | 'listType'
  | 'courtId'
  | 'contentDate'
  | 'sensitivity'
  | 'language'
  | 'displayFrom'
  | 'displayTo'
>;

export type HeaderValidation =
  { ok: true; metadata: PublicationMetadata } | { ok: false; details: { field: string; problem: string }[] };

export function validatePublicationHeaders(headers: Headers, now: Date): HeaderValidation {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(publicationHeadersSchema.shape)) {
    const value = headers.get(name);
    if (value !== null && value.trim() !== '') raw[name] = value;
  }
  const parsed = publicationHeadersSchema.safeParse(raw);
  if (!parsed.success) {
    // One problem per header: the first is the one to fix.
    const details = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'headers');
      const problem = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
      if (!details.has(field)) details.set(field, `${field} ${problem}`);
    }
    return { ok: false, details: [...details].map(([field, problem]) => ({ field, problem })) };
  }
  const h = parsed.data;
  const listType = h['x-list-type'] === undefined ? null : findListType(h['x-list-type']);
  return {
    ok: true,
    metadata: {
      provenance: h['x-provenance'],
      sourceArtefactId: h['x-source-artefact-id'] ?? null,
      type: h['x-type'],
      listType: listType?.kind === 'found' ? listType.listType.id : null,
      courtId: h['x-court-id'],
      contentDate: h['x-content-date'],
      // Present unless the list type's catalogue default is PUBLIC, or it is a live case status update.
      sensitivity: h['x-sensitivity'] ?? 'PUBLIC',
      language: h['x-language'],
      displayFrom: h['x-display-from'] ?? now.toISOString(),
      displayTo: h['x-display-to'] ?? null,
    },
  };
}
