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

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Offsets already worked out, by the whole second (all `formatToParts` resolves); cleared when it grows large. */
const londonOffsets = new Map<number, number>();
const maxCachedOffsets = 4096;

/** The offset as the time zone database says, formatted (see `londonOffsetMs` for why it is seldom called). */
function formattedLondonOffsetMs(instant: number): number {
  const second = Math.floor(instant / 1000) * 1000;
  const cached = londonOffsets.get(second);
  if (cached !== undefined) return cached;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const { type, value } of londonParts.formatToParts(new Date(instant))) parts[type] = Number(value);
  const part = (type: Intl.DateTimeFormatPartTypes): number => parts[type] ?? 0;
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  const offset = wall - second;
  if (londonOffsets.size >= maxCachedOffsets) londonOffsets.clear();
  londonOffsets.set(second, offset);
  return offset;
}

const HOUR_MS = 3_600_000;

/** 01:00 UTC on the last Sunday of `month` (0-based) of `year`: when UK clocks change, by the rule since 1996. */
function lastSundayAtOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/**
 * Each year's summer time, by the rule in force since 1996 (from the last Sunday in March to the last Sunday in
 * October, at 01:00 UTC), once the time zone database has confirmed it either side of both changes; null for a year
 * it does not confirm (before 1996, or should the rule ever change), whose offsets are then formatted one by one.
 */
const summerTimes = new Map<number, { start: number; end: number } | null>();

export function summerTimeOf(year: number): { start: number; end: number } | null {
  let summer = summerTimes.get(year);
  if (summer === undefined) {
    const start = lastSundayAtOneUtc(year, 2);
    const end = lastSundayAtOneUtc(year, 9);
    const confirmed =
      year >= 1996 &&
      formattedLondonOffsetMs(start - 1000) === 0 &&
      formattedLondonOffsetMs(start) === HOUR_MS &&
      formattedLondonOffsetMs(end - 1000) === HOUR_MS &&
      formattedLondonOffsetMs(end) === 0;
    summer = confirmed ? { start, end } : null;
    summerTimes.set(year, summer);
  }
  return summer;
}

/**
 * How far UK clock time is ahead of UTC at this instant (0 in winter, one hour in summer), in ms. Reading a
 * publication's headers needs up to four offsets for each display time, nearly always of instants not seen before;
 * formatting each (`formatToParts`) was the costliest part of the headers, so the year's summer time is worked out
 * once and each offset is a comparison.
 */
export function londonOffsetMs(instant: number): number {
  const summer = Number.isFinite(instant) ? summerTimeOf(new Date(instant).getUTCFullYear()) : null;
  if (summer === null) return formattedLondonOffsetMs(instant);
  return instant >= summer.start && instant < summer.end ? HOUR_MS : 0;
}

/**
 * The instant a display time names. A time without an offset is UK court time, read as Europe/London (issue 18: read
 * as UTC, a list stayed up an hour late in summer); a date alone is its midnight in London. In the hour the clocks go
 * back, a local time names the first of its two instants (BST); in the hour they skip, the time an hour later.
 */
export function toInstant(value: string): Date {
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return new Date(value.replace(' ', 'T'));
  const local = new Date(`${value.length === 10 ? `${value}T00:00:00` : value.replace(' ', 'T')}Z`).getTime();
  // The offsets in force a day either side; the earliest instant whose own offset agrees is the one named.
  const offsets = [...new Set([londonOffsetMs(local - 86_400_000), londonOffsetMs(local + 86_400_000)])].sort(
    (a, b) => b - a,
  );
  const named = offsets.map((offset) => local - offset).find((instant) => local - londonOffsetMs(instant) === instant);
  return new Date(named ?? local - Math.min(...offsets));
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
      // Stored as instants: a time without an offset is UK time (toInstant).
      displayFrom: h['x-display-from'] === undefined ? now.toISOString() : toInstant(h['x-display-from']).toISOString(),
      displayTo: h['x-display-to'] === undefined ? null : toInstant(h['x-display-to']).toISOString(),
    },
  };
}
