/**
 * Tribunal lists: SSCS (sscs_daily_list.json), Employment Tribunals (et_daily_list.json and
 * et_fortnightly_press_list.json) and Immigration and Asylum Chamber (iac_daily_list.json). They run after the master
 * schema.
 */
import { z } from 'zod';
import {
  address,
  bool,
  judiciary,
  party,
  requiredVenueContact,
  text,
  textArray,
  timestamp,
  venueContact,
} from './common.js';

const document = z.object({ publicationDate: timestamp });

export const sscsDailyListSchema = z.object({
  document,
  venue: z.object({ venueName: text, venueContact: requiredVenueContact }),
  courtLists: z.array(
    z.object({
      courtHouse: z.object({
        courtHouseName: text,
        courtHouseContact: venueContact,
        courtRoom: z.array(
          z.object({
            courtRoomName: text,
            session: z.array(
              z.object({
                sessionChannel: textArray,
                judiciary: z.array(judiciary).optional(),
                sittings: z.array(
                  z.object({
                    sittingStart: timestamp,
                    judiciary: z.array(judiciary).optional(),
                    channel: textArray.optional(),
                    hearing: z.array(
                      z.object({
                        case: z.array(z.object({ caseNumber: text, party: z.array(party).optional() })),
                        party: z.array(party).optional(),
                      }),
                    ),
                  }),
                ),
              }),
            ),
          }),
        ),
      }),
    }),
  ),
});

/**
 * The two ET schemas are the same but for the party roles they allow: the fortnightly press list also names the
 * representatives of each side.
 */
function etList(partyRoles: readonly [string, ...string[]]) {
  return z.object({
    document,
    venue: z.object({ venueName: text, venueContact: venueContact.optional() }),
    courtLists: z.array(
      z.object({
        courtHouse: z.object({
          courtHouseName: text,
          courtHouseAddress: address.optional(),
          courtRoom: z.array(
            z.object({
              session: z.array(
                z.object({
                  sittings: z.array(
                    z.object({
                      sittingStart: timestamp,
                      sittingEnd: timestamp,
                      channel: textArray.optional(),
                      hearing: z.array(
                        z.object({
                          hearingType: text,
                          case: z.array(
                            z.object({
                              caseNumber: text,
                              caseSequenceIndicator: text.optional(),
                              party: z
                                .array(
                                  z.object({
                                    partyRole: z.enum(partyRoles),
                                    individualDetails: z
                                      .object({
                                        title: text.optional(),
                                        individualForenames: text.optional(),
                                        individualSurname: text.optional(),
                                      })
                                      .optional(),
                                    organisationDetails: z.object({ organisationName: text.optional() }).optional(),
                                  }),
                                )
                                .optional(),
                            }),
                          ),
                        }),
                      ),
                    }),
                  ),
                }),
              ),
            }),
          ),
        }),
      }),
    ),
  });
}

export const etDailyListSchema = etList(['APPLICANT_PETITIONER', 'RESPONDENT']);

export const etFortnightlyPressListSchema = etList([
  'APPLICANT_PETITIONER',
  'APPLICANT_PETITIONER_REPRESENTATIVE',
  'RESPONDENT',
  'RESPONDENT_REPRESENTATIVE',
]);

export const iacDailyListSchema = z.object({
  document,
  venue: z.object({ venueName: text }),
  courtLists: z.array(
    z.object({
      courtListName: text,
      courtHouse: z.object({
        courtRoom: z.array(
          z.object({
            courtRoomName: text,
            session: z.array(
              z.object({
                sessionChannel: textArray,
                judiciary: z
                  .array(
                    z.object({
                      johTitle: text.optional(),
                      johNameSurname: text.optional(),
                      isPresiding: bool.optional(),
                    }),
                  )
                  .optional(),
                sittings: z.array(
                  z.object({
                    sittingStart: timestamp,
                    sittingEnd: timestamp,
                    channel: textArray.optional(),
                    hearing: z.array(
                      z.object({
                        hearingType: text.optional(),
                        case: z.array(
                          z.object({
                            caseNumber: text,
                            caseSequenceIndicator: text.optional(),
                            caseType: text.optional(),
                            language: text.optional(),
                            party: z.array(party).optional(),
                          }),
                        ),
                      }),
                    ),
                  }),
                ),
              }),
            ),
          }),
        ),
      }),
    }),
  ),
});
