/**
 * The headers a publisher sends with a publication (names as the live service uses them), validated with zod.
 * Enums are case-insensitive; every problem is reported against the header that caused it.
 */
import { z } from 'zod';
import { findListType } from '../publications/list-types.js';

export const publicationTypes = ['LIST', 'JUDGEMENTS_AND_OUTCOMES', 'GENERAL_PUBLICATION', 'LCSU'] as const;
export const sensitivities = ['PUBLIC', 'PRIVATE', 'CLASSIFIED', 'INTERNAL'] as const;
export const languages = ['ENGLISH', 'WELSH', 'BI_LINGUAL'] as const;
export type PublicationType = (typeof publicationTypes)[number];
export type Sensitivity = (typeof sensitivities)[number];
export type Language = (typeof languages)[number];

/** Reserved for court staff uploading through the admin page. */
export const MANUAL_UPLOAD_PROVENANCE = 'MANUAL_UPLOAD';

const caseInsensitiveEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(values, { error: `must be one of ${values.join(', ')}` }));

/** ISO 8601 date or date-time, with or without an offset (the live API takes local date-times). */
const dateTime = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
    'must be an ISO 8601 date or date-time, e.g. 2026-11-28T09:00:00',
  )
  .refine(
    (value) => !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)),
    'is not a real date',
  );

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const publicationHeadersSchema = z
  .object({
    'x-provenance': text(100),
    'x-source-artefact-id': text(200).optional(),
    'x-type': caseInsensitiveEnum(publicationTypes),
    'x-list-type': text(100).optional(),
    'x-court-id': text(100),
    'x-content-date': dateTime,
    'x-sensitivity': caseInsensitiveEnum(sensitivities).default('PUBLIC'),
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
    if (headers['x-list-type'] !== undefined) {
      const lookup = findListType(headers['x-list-type']);
      if (lookup.kind !== 'found') ctx.addIssue({ code: 'custom', path: ['x-list-type'], message: lookup.message });
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

export interface PublicationMetadata {
  provenance: string;
  sourceArtefactId: string | null;
  type: PublicationType;
  listType: string | null;
  courtId: string;
  contentDate: string;
  sensitivity: Sensitivity;
  language: Language;
  displayFrom: string;
  displayTo: string | null;
}

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
      sensitivity: h['x-sensitivity'],
      language: h['x-language'],
      displayFrom: h['x-display-from'] ?? now.toISOString(),
      displayTo: h['x-display-to'] ?? null,
    },
  };
}
