/**
 * Civil, family, civil-and-family and Court of Protection daily cause lists (civil_daily_cause_list.json,
 * family_daily_cause_list.json, civil_and_family_daily_cause_list.json, cop_daily_cause_list.json).
 * They run after the master schema, so they state what each list adds: required properties and their types.
 */
import { z } from 'zod';
import {
  address,
  judiciary,
  party,
  requiredAddress,
  requiredVenueContact,
  text,
  textArray,
  timestamp,
  venueContact,
} from './common.js';

const document = z.object({
  documentName: text.optional(),
  publicationDate: timestamp,
  version: text.optional(),
});

const venue = z.object({ venueName: text, venueAddress: requiredAddress, venueContact: requiredVenueContact });

interface CauseListOptions {
  /** Civil lists require `sessionChannel` on every session. */
  sessionChannelRequired: boolean;
  /** Family and civil-and-family lists describe parties and reporting restrictions. */
  withParties: boolean;
  withLocationDetails: boolean;
}

function causeList(options: CauseListOptions) {
  const caseSchema = z.object({
    caseName: text,
    caseNumber: text,
    caseSequenceIndicator: text.optional(),
    caseType: text.optional(),
    ...(options.withParties
      ? {
          caseJurisdictionET: text.optional(),
          reportingRestrictionDetail: textArray.optional(),
          party: z.array(party).optional(),
        }
      : {}),
  });
  const hearing = z.object({
    hearingType: text,
    case: z.array(caseSchema),
    ...(options.withParties ? { party: z.array(party).optional() } : {}),
  });
  const sitting = z.object({
    sittingStart: timestamp,
    sittingEnd: timestamp,
    hearing: z.array(hearing),
    channel: textArray.optional(),
  });
  const session = z.object({
    sessionChannel: options.sessionChannelRequired ? textArray : textArray.optional(),
    judiciary: z.array(judiciary).optional(),
    sittings: z.array(sitting),
  });
  return z.object({
    document,
    venue,
    ...(options.withLocationDetails
      ? {
          locationDetails: z.object({ location: text.optional(), jurisdiction: text.optional() }).optional(),
        }
      : {}),
    courtLists: z.array(
      z.object({
        courtHouse: z.object({
          courtHouseName: text,
          courtHouseContact: venueContact.optional(),
          courtHouseAddress: address.optional(),
          courtRoom: z.array(z.object({ courtRoomName: text, session: z.array(session) })),
        }),
      }),
    ),
  });
}

export const civilDailyCauseListSchema = causeList({
  sessionChannelRequired: true,
  withParties: false,
  withLocationDetails: false,
});
export const familyDailyCauseListSchema = causeList({
  sessionChannelRequired: false,
  withParties: true,
  withLocationDetails: false,
});
export const civilAndFamilyDailyCauseListSchema = causeList({
  sessionChannelRequired: false,
  withParties: true,
  withLocationDetails: true,
});

export const copDailyCauseListSchema = z.object({
  document: z.object({ publicationDate: timestamp }),
  venue: z.object({ venueName: text, venueAddress: address.optional(), venueContact: requiredVenueContact }),
  locationDetails: z
    .object({
      jurisdiction: text.optional(),
      region: z
        .object({
          name: text.optional(),
          regionalJOH: z.array(z.object({ johKnownAs: text.optional() })).optional(),
        })
        .optional(),
    })
    .optional(),
  courtLists: z.array(
    z.object({
      courtHouse: z.object({
        courtHouseName: text,
        courtHouseContact: requiredVenueContact.optional(),
        courtHouseAddress: address.optional(),
        courtRoom: z.array(
          z.object({
            courtRoomName: text,
            session: z.array(
              z.object({
                judiciary: z.array(judiciary).optional(),
                sittings: z.array(
                  z.object({
                    sittingStart: timestamp,
                    sittingEnd: timestamp,
                    hearing: z.array(
                      z.object({
                        hearingType: text.optional(),
                        case: z.array(
                          z.object({
                            caseNumber: text,
                            caseSequenceIndicator: text.optional(),
                            caseName: text.optional(),
                            caseType: text.optional(),
                            reportingRestrictions: text.optional(),
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
