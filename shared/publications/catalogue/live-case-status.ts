/**
 * Live case status updates (LCSU) for in-court screens: one court's current state, courtroom by courtroom, as the
 * live service's feed carried it (a sample: test-fixtures/live/liveCaseStatusUpdates.json). They arrive as LCSU
 * publications.
 */
import { z } from 'zod';

const event = z.object({
  eventId: z.number().int().nonnegative(),
  eventStatus: z.string().max(200),
  eventName: z.string().max(200),
  eventTime: z.string().regex(/^(|\d{2}:\d{2})$/, 'must be HH:MM or empty'),
});

export const liveCaseStatusSchema = z.object({
  locationId: z.number().int().optional(),
  locationName: z.string().min(1).max(200),
  lastUpdated: z
    .string()
    .min(1)
    .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date-time'),
  locationUpdates: z
    .array(
      z.object({
        courtRoom: z.union([z.number().int(), z.string().min(1).max(50)]),
        caseNumber: z.string().max(100),
        caseName: z.string().max(500),
        event,
      }),
    )
    .max(500),
});

export type LiveCaseStatus = z.infer<typeof liveCaseStatusSchema>;
