/**
 * The master schema every strategic (courtLists-shaped) list shares: master_schema.json of the live service.
 * It requires nothing; it fixes types, enums and timestamp formats wherever the properties appear.
 */
import { z } from 'zod';
import { bool, integer, text, textArray, timestamp, timestampOrEmpty } from './common.js';

const address = z.object({
  line: textArray.optional(),
  town: text.optional(),
  county: text.optional(),
  postCode: text.optional(),
});

const venueContact = z.object({
  venueTelephone: text.optional(),
  venueEmail: text.optional(),
  primaryContactName: text.optional(),
  venueSupport: text.optional(),
});

const judiciary = z.object({
  johTitle: text.optional(),
  johNameSurname: text.optional(),
  role: z.enum(['JUDGE', 'MAGISTRATE', 'CLERK']).optional(),
  johKnownAs: text.optional(),
  isPresiding: bool.optional(),
});

const offence = z.object({
  offenceCode: text.optional(),
  offenceTitle: text.optional(),
  offenceSection: text.optional(),
  offenceWording: text.optional(),
  plea: text.optional(),
  pleaDate: timestampOrEmpty.optional(),
  convictionDate: timestampOrEmpty.optional(),
  adjournedDate: timestampOrEmpty.optional(),
  offenceLegislation: text.optional(),
  decision: z.object({ decisionDate: timestampOrEmpty.optional(), decisionDetail: text.optional() }).optional(),
  bailStatus: text.optional(),
  nextHearingDate: timestampOrEmpty.optional(),
  nextHearingLocation: text.optional(),
  offenceMaxPen: text.optional(),
  reportingRestriction: bool.optional(),
  reportingRestrictionDetail: textArray.optional(),
});

const party: z.ZodType = z.object({
  partyRole: text.optional(),
  subject: bool.optional(),
  friendlyRoleName: text.optional(),
  attendanceMethod: text.optional(),
  individualDetails: z
    .object({
      individualForenames: text.optional(),
      individualMiddleName: text.optional(),
      individualSurname: text.optional(),
      dateOfBirth: text.optional(),
      age: integer.optional(),
      address: address.optional(),
      inCustody: bool.optional(),
      plea: z.enum(['GUILTY', 'NOT_GUILTY', 'NONE']).optional(),
      gender: text.optional(),
      asn: text.optional(),
      pncId: text.optional(),
      offence: z.array(offence).optional(),
    })
    .optional(),
  organisationDetails: z
    .object({
      organisationName: text.optional(),
      organisationAddress: address.optional(),
      offence: z.array(offence).optional(),
    })
    .optional(),
  offence: z.array(offence).optional(),
});

const hearingCase: z.ZodType = z.object({
  caseUrn: text.optional(),
  caseName: text.optional(),
  reportingRestriction: bool.optional(),
  reportingRestrictionDetail: textArray.optional(),
  caseJurisdictionET: text.optional(),
  caseNumber: text.optional(),
  caseSequenceIndicator: text.optional(),
  party: z.array(party).optional(),
  informant: z
    .object({
      prosecutionAuthorityRef: text.optional(),
      prosecutionAuthorityId: text.optional(),
      prosecutionAuthorityCode: text.optional(),
      prosecutionAuthorityName: text.optional(),
    })
    .optional(),
  caseType: text.optional(),
  // The live schema puts `properties` straight under `items` here, so linked cases are unconstrained there too.
  caseLinked: z.array(z.unknown()).optional(),
  hearingNumber: text.optional(),
  convictionDate: timestampOrEmpty.optional(),
  adjournedDate: timestampOrEmpty.optional(),
  panel: text.optional(),
  language: text.optional(),
  scheduledHearingDate: timestampOrEmpty.optional(),
});

const hearing: z.ZodType = z.object({
  hearingId: text.optional(),
  hearingType: text.optional(),
  panel: text.optional(),
  listNote: text.optional(),
  case: z.array(hearingCase).optional(),
  application: z
    .array(
      z.object({
        party: z.array(party).optional(),
        applicationReference: text.optional(),
        applicationType: text.optional(),
        applicationParticulars: text.optional(),
      }),
    )
    .optional(),
  party: z.array(party).optional(),
  offence: z.array(offence).optional(),
  listingDetails: z.object({ listingRepDeadline: text.optional() }).optional(),
});

const sitting: z.ZodType = z.object({
  sittingStart: timestamp.optional(),
  sittingEnd: timestamp.optional(),
  hearing: z.array(hearing).optional(),
  judiciary: z.array(judiciary).optional(),
  channel: textArray.optional(),
});

const session: z.ZodType = z.object({
  sessionChannel: textArray.optional(),
  sessionStartTime: timestamp.optional(),
  judiciary: z.array(judiciary).optional(),
  sittings: z.array(sitting).optional(),
});

export const masterSchema: z.ZodType = z.object({
  document: z
    .object({ documentName: text.optional(), publicationDate: timestamp.optional(), version: text.optional() })
    .optional(),
  venue: z
    .object({
      venueType: text.optional(),
      venueCode: z.object({ '@venueShortName': text.optional(), venueId: text.optional() }).optional(),
      venueName: text.optional(),
      venueAddress: address.optional(),
      venueDX: text.optional(),
      venueContact: venueContact.optional(),
    })
    .optional(),
  locationDetails: z
    .object({
      location: text.optional(),
      jurisdiction: text.optional(),
      region: z.object({ name: text.optional(), regionalJOH: z.array(judiciary).optional() }).optional(),
    })
    .optional(),
  courtLists: z
    .array(
      z.object({
        courtListName: text.optional(),
        courtHouse: z
          .object({
            courtHouseName: text.optional(),
            lja: text.max(100, { error: 'must be at most 100 characters' }).optional(),
            courtHouseContact: venueContact.optional(),
            courtHouseAddress: address.optional(),
            courtRoom: z
              .array(
                z.object({
                  courtRoomName: text.optional(),
                  venueContact: venueContact.optional(),
                  session: z.array(session).optional(),
                }),
              )
              .optional(),
          })
          .optional(),
      }),
    )
    .optional(),
});

/** Keys whose strings the master schema checks only for closing or self-closing tags (see ../html-check.ts). */
export const masterLooseHtmlKeys: ReadonlySet<string> = new Set([
  'organisationName',
  'offenceWording',
  'applicationParticulars',
]);
