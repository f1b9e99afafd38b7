/**
 * Building blocks shared by the list schemas. Strings carry no HTML check here: the "no HTML tags" patterns of the
 * live schemas are enforced once, over the whole payload, by `findHtmlInStrings` (see ../html-check.ts).
 *
 * Objects are `z.object`: the live JSON Schemas never set `additionalProperties: false` (except where noted), so
 * extra properties are allowed, as there. zod's default strips them from its output, which we never use; measured,
 * this is about a quarter faster than `z.looseObject`, which copies them.
 */
import { z } from 'zod';

/** `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([.]\d{1,9})?Z$`: the UTC timestamps of strategic lists. */
const utcTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
/** The same, or an empty string (dates that may be absent, such as `convictionDate`). */
const utcTimestampOrEmpty = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z)?$/;

export const timestamp = z.string().regex(utcTimestamp, { error: 'must be a UTC timestamp like 2024-01-31T10:00:00Z' });
export const timestampOrEmpty = z
  .string()
  .regex(utcTimestampOrEmpty, { error: 'must be empty or a UTC timestamp like 2024-01-31T10:00:00Z' });

/**
 * JSON Schema `format` keywords, treated loosely as the live validator does (it accepts the crown PDDA lists'
 * `SittingAt: "10:00:00"`, which has no offset and so fails a strict RFC 3339 `time`).
 */
export const looseDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2024-01-31' });
export const looseDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i, {
    error: 'must be a date and time like 2024-01-31T10:00:00Z',
  });
export const looseTime = z
  .string()
  .regex(/^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i, { error: 'must be a time like 10:00:00' });

export const text = z.string();
export const integer = z.int();
export const bool = z.boolean();
export const textArray = z.array(text);

// Building blocks several list schemas share, as the live schemas repeat them.
export const address = z.object({
  line: textArray.optional(),
  town: text.optional(),
  county: text.optional(),
  postCode: text.optional(),
});
export const requiredAddress = address.extend({ line: textArray, postCode: text });

export const venueContact = z.object({ venueTelephone: text.optional(), venueEmail: text.optional() });
export const requiredVenueContact = venueContact.extend({ venueTelephone: text, venueEmail: text });

export const judiciary = z.object({ johKnownAs: text.optional(), isPresiding: bool.optional() });

export const party = z.object({
  partyRole: text.optional(),
  friendlyRoleName: text.optional(),
  individualDetails: z
    .object({
      title: text.optional(),
      individualForenames: text.optional(),
      individualMiddleName: text.optional(),
      individualSurname: text.optional(),
    })
    .optional(),
  organisationDetails: z.object({ organisationName: text.optional() }).optional(),
});
