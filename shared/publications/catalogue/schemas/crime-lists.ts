/**
 * Single Justice Procedure lists (single_justice_procedure_public.json, single_justice_procedure_press.json) and
 * magistrates lists (magistrates_public_list.json, magistrates_standard_list.json). They run after the master schema.
 */
import { z } from 'zod';
import { fastPredicate } from '../fast-check.js';
import {
  address,
  bool,
  integer,
  judiciary,
  requiredAddress,
  text,
  textArray,
  timestamp,
  timestampOrEmpty,
} from './common.js';

/**
 * Both SJP schemas: a party whose role is ACCUSED needs individual or organisation details; any other party needs
 * organisation details (JSON Schema `if`/`then`/`else`). It reads only properties the party schema names, so the
 * fast path runs it too (../fast-check.ts).
 */
const requirePartyDetails = fastPredicate(
  (party: { partyRole: string; individualDetails?: unknown; organisationDetails?: unknown }): boolean => {
    if (party.partyRole === 'ACCUSED') {
      return party.individualDetails !== undefined || party.organisationDetails !== undefined;
    }
    return party.organisationDetails !== undefined;
  },
);
const partyDetailsRule = {
  error: 'an ACCUSED party needs individualDetails or organisationDetails; any other party needs organisationDetails',
  path: ['organisationDetails'],
};

function sjpList<Hearing extends z.ZodType>(hearing: Hearing) {
  return z.object({
    document: z.object({
      documentName: text.optional(),
      publicationDate: timestamp,
      version: text.optional(),
    }),
    courtLists: z.array(
      z.object({
        courtHouse: z.object({
          courtRoom: z.array(
            z.object({
              session: z.array(z.object({ sittings: z.array(z.object({ hearing: z.array(hearing) })) })),
            }),
          ),
        }),
      }),
    ),
  });
}

const sjpPublicAddress = z.object({
  postCode: text
    .regex(/^([A-Za-z]{2}|[A-Za-z][0-9])$/, {
      error: 'must be the first two characters of a postcode (the public list shows no more)',
    })
    .optional(),
});

export const sjpPublicListSchema = sjpList(
  z.object({
    party: z.array(
      z
        .object({
          partyRole: text,
          individualDetails: z
            .object({
              individualForenames: text
                .regex(/^.?$/, { error: 'must be an initial only (at most one character)' })
                .optional(),
              individualSurname: text.optional(),
              address: sjpPublicAddress.optional(),
            })
            .optional(),
          organisationDetails: z
            .object({ organisationName: text, organisationAddress: sjpPublicAddress.optional() })
            .optional(),
        })
        .refine(requirePartyDetails, partyDetailsRule)
        .meta({ description: partyDetailsRule.error }),
    ),
    offence: z.array(z.object({ offenceTitle: text })),
  }),
);

export const sjpPressListSchema = sjpList(
  z.object({
    case: z.array(z.object({ caseUrn: text })),
    party: z.array(
      z
        .object({
          partyRole: text,
          individualDetails: z
            .object({
              title: text.optional(),
              individualForenames: text.optional(),
              individualMiddleName: text.optional(),
              individualSurname: text.optional(),
              dateOfBirth: text.optional(),
              age: integer.optional(),
              address: address.optional(),
            })
            .optional(),
          organisationDetails: z.object({ organisationName: text, organisationAddress: address.optional() }).optional(),
        })
        .refine(requirePartyDetails, partyDetailsRule)
        .meta({ description: partyDetailsRule.error }),
    ),
    offence: z.array(z.object({ offenceTitle: text, offenceWording: text.optional(), reportingRestriction: bool })),
  }),
);

/** In magistrates_public_list.json the party definition is only `type: object` (its `items` is ignored). */
const anyObject = z.object({});

export const magistratesPublicListSchema = z.object({
  document: z.object({ publicationDate: timestamp }),
  venue: z.object({ venueAddress: requiredAddress }),
  courtLists: z.array(
    z.object({
      courtHouse: z.object({
        courtRoom: z.array(
          z.object({
            courtRoomName: text,
            session: z.array(
              z.object({
                judiciary: z.array(judiciary).optional(),
                sittings: z.array(
                  z.object({
                    sittingStart: timestamp,
                    hearing: z.array(
                      z.object({
                        hearingType: text.optional(),
                        case: z
                          .array(
                            z.object({
                              caseUrn: text,
                              reportingRestriction: bool.optional(),
                              party: z.array(anyObject).optional(),
                            }),
                          )
                          .optional(),
                        application: z
                          .array(
                            z.object({
                              applicationReference: text,
                              applicationType: text.optional(),
                              party: z.array(anyObject).optional(),
                            }),
                          )
                          .optional(),
                        channel: textArray.optional(),
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

/** A calendar date (leap years included), as magistrates_standard_list.json's `dateOfBirth` pattern has it. */
const calendarDate =
  /^((([+-]?\d{4}(?!\d{2}\b))-(0[13578]|1[02])-(0[1-9]|[12]\d|3[01]))|(([+-]?\d{4}(?!\d{2}\b))-(0[13456789]|1[012])-(0[1-9]|[12]\d|30))|(([+-]?\d{4}(?!\d{2}\b))-02-(0[1-9]|1\d|2[0-8]))|(((1[6-9]|[2-9]\d)(0[48]|[2468][048]|[13579][26])|((16|[2468][048]|[3579][26])00))-02-29))$/;

const magistratesStandardParty = z.object({
  partyRole: text.optional(),
  individualDetails: z
    .object({
      individualForenames: text.optional(),
      individualMiddleName: text.optional(),
      individualSurname: text.optional(),
      dateOfBirth: text.regex(calendarDate, { error: 'must be a calendar date like 1980-01-31' }).optional(),
      age: integer.optional(),
      address: address.optional(),
      inCustody: bool.optional(),
      gender: text.optional(),
      asn: text.optional(),
      pncId: text.optional(),
    })
    .optional(),
  offence: z
    .array(
      z.object({
        offenceCode: text.optional(),
        offenceTitle: text.optional(),
        offenceWording: text.optional(),
        offenceMaxPen: text.optional(),
        reportingRestriction: bool.optional(),
        reportingRestrictionDetails: textArray.optional(),
        convictionDate: timestampOrEmpty.optional(),
        adjournedDate: timestampOrEmpty.optional(),
        plea: z.enum(['GUILTY', 'NOT_GUILTY', 'NONE']).optional(),
        pleaDate: timestampOrEmpty.optional(),
        offenceLegislation: text.optional(),
      }),
    )
    .optional(),
  organisationDetails: z.object({ organisationName: text, organisationAddress: address.optional() }).optional(),
  subject: bool.optional(),
});

export const magistratesStandardListSchema = z.object({
  document: z.object({ publicationDate: timestamp }),
  venue: z.object({ venueAddress: address.optional() }).optional(),
  courtLists: z.array(
    z.object({
      courtHouse: z.object({
        courtHouseName: text.optional(),
        lja: text.max(100, { error: 'must be at most 100 characters' }).optional(),
        courtRoom: z.array(
          z.object({
            courtRoomName: text,
            session: z.array(
              z.object({
                judiciary: z.array(judiciary).optional(),
                sittings: z.array(
                  z.object({
                    sittingStart: timestamp,
                    hearing: z.array(
                      z.object({
                        hearingType: text.optional(),
                        case: z
                          .array(
                            z.object({
                              caseUrn: text,
                              reportingRestriction: bool.optional(),
                              reportingRestrictionDetails: textArray.optional(),
                              caseSequenceIndicator: text.optional(),
                              party: z.array(magistratesStandardParty).optional(),
                            }),
                          )
                          .optional(),
                        panel: text.optional(),
                        channel: textArray.optional(),
                        application: z
                          .array(
                            z.object({
                              applicationReference: text,
                              applicationType: text.optional(),
                              applicationParticulars: text.optional(),
                              party: z.array(magistratesStandardParty).optional(),
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
    }),
  ),
});
