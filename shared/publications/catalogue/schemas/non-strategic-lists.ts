/**
 * Non-strategic (tabular) lists: a JSON array of flat rows, converted from the spreadsheets court staff upload.
 * Specific schemas: non-strategic/common_ns_daily_cause_list.json and non-strategic/sscs_daily_hearing_list.json.
 * Other non-strategic list types are checked against `nonStrategicRowsSchema` (rows of text) until their own schema
 * is written: the master schema describes the courtLists shape and would refuse every tabular payload.
 */
import { z } from 'zod';
import { text } from './common.js';

/** `^\d{1,2}([:.]\d{2})?[ap]m\s*$`, e.g. "9am", "10:30am  ". */
const hearingTime = text.regex(/^\d{1,2}([:.]\d{2})?[ap]m\s*$/, { error: 'must be a time like 9am or 10:30am' });

export const nonStrategicDailyCauseListSchema = z.array(
  z.object({
    venue: text,
    judge: text,
    time: hearingTime,
    caseNumber: text,
    caseDetails: text,
    hearingType: text,
    additionalInformation: text,
  }),
);

export const nonStrategicSscsDailyHearingListSchema = z.array(
  z.object({
    venue: text,
    appealReferenceNumber: text,
    hearingType: text,
    appellant: text,
    courtroom: text,
    hearingTime,
    tribunal: text,
    'fta/respondent': text,
    additionalInformation: text,
  }),
);

export const nonStrategicRowsSchema = z.array(z.record(z.string(), z.union([text, z.null()])));
