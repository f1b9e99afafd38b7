/**
 * The query strings of the read API's routes. The handlers validate with them and the OpenAPI document is generated
 * from them, so both live here rather than in either function's folder.
 */
import { z } from 'zod';
import { findListType } from '../../shared/publications/catalogue/list-types.js';
import type { FeedPosition } from '../../shared/publications/store/publication-records.js';
import { filterText, idParameter } from './query.js';

/** GET api/publications */
export const publicationSummaryQuerySchema = z.object({
  locationId: idParameter,
});

/** GET api/locations: region and jurisdiction repeat, or are comma-separated; the language is en or cy. */
export const locationsQuerySchema = z.object({
  region: z.array(filterText),
  jurisdiction: z.array(filterText),
  language: filterText.optional(),
});

/** GET api/third-party/publications: the largest page. */
export const MAX_FEED_PAGE = 200;

/** A cursor: base64url of `<receivedAt to the microsecond>|<artefact id>`; opaque to callers. */
export function encodeFeedCursor(position: FeedPosition): string {
  return Buffer.from(`${position.receivedAt}|${position.artefactId}`, 'utf8').toString('base64url');
}

export function decodeFeedCursor(cursor: string): FeedPosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const match =
    /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
  if (!match?.[1] || !match[2] || Number.isNaN(Date.parse(match[1]))) return null;
  return { receivedAt: match[1], artefactId: match[2] };
}

/** The feed's query string; the OpenAPI document can describe it from this schema. */
export const thirdPartyFeedQuerySchema = z.object({
  listType: filterText
    .refine((value) => findListType(value).kind !== 'unknown', 'must be a list type such as CIVIL_DAILY_CAUSE_LIST')
    .transform((value) => {
      const lookup = findListType(value);
      return lookup.kind === 'unknown' ? value : lookup.listType.id;
    })
    .optional(),
  locationId: idParameter.optional(),
  updatedSince: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-01T00:00:00Z' })
    .transform((value) => new Date(value))
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, `must be a whole number from 1 to ${MAX_FEED_PAGE}`)
    .transform(Number)
    .pipe(
      z.number().min(1, `must be from 1 to ${MAX_FEED_PAGE}`).max(MAX_FEED_PAGE, `must be from 1 to ${MAX_FEED_PAGE}`),
    )
    .optional(),
  cursor: z
    .string()
    .transform((value, ctx) => {
      const position = decodeFeedCursor(value);
      if (position === null) {
        ctx.addIssue({ code: 'custom', message: 'must be a cursor from a next link this API gave' });
        return z.NEVER;
      }
      return position;
    })
    .optional(),
});
