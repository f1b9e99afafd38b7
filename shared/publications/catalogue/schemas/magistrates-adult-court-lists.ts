/**
 * Magistrates adult court lists from Libra/Common Platform (magistrates_adult_court_list.json, the standard one for
 * CRIME_IDAM readers, and magistrates_public_adult_court_list.json). Neither is courtLists-shaped: the list is
 * `document.data.job.sessions.session[]`, a session per courtroom, holding blocks of cases. Every string of both
 * live schemas carries the "no HTML tags" pattern, which the HTML scan applies (see ../html-check.ts).
 *
 * As in the live schemas, `document` is the only property the root requires, and `document.data` is optional (a
 * `document` without data is a valid, empty list there too).
 */
import { z } from 'zod';
import { integer, text } from './common.js';

const atMost = (length: number) => text.max(length, { error: `must be at most ${length} characters` });

/** `^\d{2}/\d{2}/\d{4}$`: print dates and dates of birth. */
const dayMonthYear = text.regex(/^\d{2}\/\d{2}\/\d{4}$/, { error: 'must be a date like 31/01/2024 (DD/MM/YYYY)' });
/** `^\d{2}:\d{2}$`: session and block start times, local to the court. */
const hoursMinutes = text.regex(/^\d{2}:\d{2}$/, { error: 'must be a time like 09:30 (hh:mm)' });
const hoursMinutesSeconds = text.regex(/^\d{2}:\d{2}:\d{2}$/, {
  error: 'must be a time like 09:05:02 (hh:mm:ss)',
});

/** The case both lists share: a 10-character case number and the defendant's name. */
const publicCase = z.object({
  caseno: text.length(10, { error: 'must be exactly 10 characters' }),
  def_name: atMost(200),
});

const defendantAddress = z.object({
  line1: atMost(35),
  line2: atMost(35).optional(),
  line3: atMost(35).optional(),
  line4: atMost(35).optional(),
  line5: atMost(35).optional(),
  pcode: atMost(8).optional(),
});

const offence = z.object({
  code: atMost(10),
  title: atMost(120),
  cy_title: atMost(120).optional(),
  sum: atMost(4000),
  cy_sum: atMost(4000).optional(),
});

const standardCase = publicCase.extend({
  def_dob: dayMonthYear.optional(),
  def_age: integer.optional(),
  def_addr: defendantAddress.optional(),
  inf: text.optional(),
  offences: z.object({ offence: z.array(offence).optional() }).optional(),
});

function adultCourtList<Case extends z.ZodType>(hearingCase: Case, sessionsRequired: boolean) {
  const sessions = z.object({
    session: z
      .array(
        z.object({
          lja: atMost(100),
          court: text,
          room: integer,
          sstart: hoursMinutes,
          blocks: z
            .object({
              block: z
                .array(
                  z.object({
                    bstart: hoursMinutes,
                    cases: z.object({ case: z.array(hearingCase).optional() }).optional(),
                  }),
                )
                .optional(),
            })
            .optional(),
        }),
      )
      .optional(),
  });
  return z.object({
    document: z.object({
      info: z.object({ start_time: hoursMinutesSeconds.optional() }).optional(),
      data: z
        .object({
          job: z.object({
            printdate: dayMonthYear,
            sessions: sessionsRequired ? sessions : sessions.optional(),
          }),
        })
        .optional(),
    }),
  });
}

/** MAGISTRATES_ADULT_COURT_LIST_DAILY and _FUTURE: each case with the defendant's details and offences. */
export const magistratesAdultCourtListSchema = adultCourtList(standardCase, false);

/** MAGISTRATES_PUBLIC_ADULT_COURT_LIST_DAILY and _FUTURE: case numbers and defendants' names only. */
export const magistratesPublicAdultCourtListSchema = adultCourtList(publicCase, true);
