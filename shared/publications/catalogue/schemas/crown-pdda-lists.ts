/**
 * Crown Court lists from PDDA/XHIBIT (crown_daily_pdda_list.json, crown_firm_pdda_list.json,
 * crown_warned_pdda_list.json). These are not checked against the master schema (their shape is different), and
 * their `format` keywords are treated loosely, as the live validator does.
 */
import { z } from 'zod';
import { fastPredicate } from '../fast-check.js';
import { integer, looseDate, looseDateTime, looseTime, text, textArray } from './common.js';

const boundedName = (max: number) =>
  text.min(1, { error: 'must not be empty' }).max(max, { error: `must be at most ${max} characters` });

const citizenName = z.object({
  CitizenNameTitle: boundedName(35).optional(),
  CitizenNameForename: textArray.optional(),
  CitizenNameSurname: boundedName(35).optional(),
  CitizenNameSuffix: boundedName(35).optional(),
  CitizenNameRequestedName: boundedName(70).optional(),
});
const namedCitizen = citizenName.extend({ CitizenNameSurname: boundedName(35) });

const address = z.object({ Line: textArray.optional(), PostCode: text.optional() });
const courtHouseType = z.enum(['Crown Court', 'Magistrates Court', 'Youth Court']);
const yesNo = z.enum(['yes', 'no']);
const hearingTypeCode = text.regex(/^[A-Z]{3}$/, { error: 'must be a three-letter hearing type code' });

const maskedPerson = z.object({ Name: citizenName, MaskedName: text.optional(), IsMasked: yesNo });
const personalDetails = maskedPerson.extend({
  DateOfBirth: z
    .object({
      BirthDate: looseDate.optional(),
      VerifiedBy: z
        .enum([
          'not verified',
          'accepted on balance of probabilities',
          'secondary certificate',
          'certified copy of birth certificate',
          'short form birth certificate or certificate of registration of birth',
          'birth certificate',
        ])
        .optional(),
    })
    .optional(),
  Age: integer.optional(),
  Sex: z.enum(['unknown', 'male', 'female', 'indeterminate']).optional(),
  Address: address.optional(),
  Nationality: text.optional(),
});

const crownCourt = z.object({
  CourtHouseType: courtHouseType,
  CourtHouseCode: integer,
  CourtHouseName: text,
  CourtHouseAddress: address.optional(),
  CourtHouseTelephone: text.optional(),
});
const courtHouse = crownCourt.extend({ CourtHouseShortName: text.optional() });
const committingCourt = z.object({
  CourtHouseType: courtHouseType,
  CourtHouseCode: integer,
  CourtHouseShortName: text.optional(),
  CourtHouseName: text,
});

const listHeader = z.object({
  StartDate: looseDate,
  EndDate: looseDate.optional(),
  Version: text,
  PublishedTime: looseDateTime,
});

const prosecutingAuthority = z.enum([
  'Crown Prosecution Service',
  'Customs and Excise',
  'Department of Trade and Industry',
  'Inland Revenue',
  'Other Prosecutor',
]);

function prosecution<Person extends z.ZodType>(advocate: Person) {
  return z.object({
    ProsecutingReference: text.optional(),
    ProsecutingOrganisation: z.object({ OrganisationName: text }).optional(),
    ProsecutingAuthority: prosecutingAuthority.optional(),
    Advocate: z.object({ PersonalDetails: advocate }).optional(),
  });
}

/** Present, whatever its value: the fast path may run it too (../fast-check.ts). */
const isPresent = fastPredicate((value: unknown): boolean => value !== undefined);

const charges = z.array(
  z.object({ OffenceStatement: text, IndictmentCountNumber: integer.optional(), CJSoffenceCode: text.optional() }),
);
const prisonLocation = z.object({ Location: textArray });
const counsel = z.array(
  z.object({
    Solicitor: z
      .array(
        z.object({
          Party: z
            .object({
              // The live schema requires PersonalDetails here but describes it outside `properties`, so only presence counts.
              Person: z
                .object({
                  PersonalDetails: z
                    .custom<unknown>(isPresent, { error: 'is required' })
                    .meta({ description: 'Required; any value' }),
                })
                .optional(),
              Organisation: z.object({ OrganisationName: text }).optional(),
            })
            .optional(),
        }),
      )
      .optional(),
  }),
);

const judiciary = z.object({ Judge: namedCitizen, Justice: z.array(namedCitizen).optional() });

function sittings<Hearing extends z.ZodType>(hearing: Hearing) {
  return z.array(
    z.object({
      CourtRoomNumber: integer,
      SittingAt: looseTime.optional(),
      SittingPriority: z.enum(['T', 'F', 'R']).optional(),
      SittingNote: text.optional(),
      Judiciary: judiciary,
      Hearings: z.array(hearing).optional(),
    }),
  );
}

const documentId = z.object({ UniqueID: text, DocumentType: text });

export const crownDailyPddaListSchema = z.object({
  DailyList: z.object({
    DocumentID: documentId,
    ListHeader: listHeader,
    CrownCourt: crownCourt,
    CourtLists: z.array(
      z.object({
        CourtHouse: courtHouse,
        Sittings: sittings(
          z.object({
            HearingSequenceNumber: integer,
            HearingDetails: z.object({ HearingDescription: text, HearingType: text.optional() }),
            TimeMarkingNote: text.optional(),
            CaseNumber: text,
            CaseNumberCaTH: text,
            Prosecution: prosecution(personalDetails).optional(),
            CommittingCourt: committingCourt.optional(),
            ListNote: text.optional(),
            Defendants: z
              .array(
                z.object({
                  PersonalDetails: personalDetails,
                  URN: text.optional(),
                  PrisonerID: text.optional(),
                  PrisonLocation: prisonLocation.optional(),
                  Charges: charges.optional(),
                }),
              )
              .optional(),
            Respondent: textArray.optional(),
          }),
        ),
      }),
    ),
  }),
});

const firmHearingDetails = z.object({
  HearingDescription: text,
  HearingDate: looseDate.optional(),
  HearingEndDate: looseDate.optional(),
  HearingType: hearingTypeCode.optional(),
});
const caseReference = text.regex(/^[A-Z][0-9]{8}$/, { error: 'must be a letter followed by eight digits' });

export const crownFirmPddaListSchema = z.object({
  FirmList: z.object({
    DocumentID: documentId.extend({
      TimeStamp: looseDateTime.optional(),
      Version: text.optional(),
      SecurityClassification: text.optional(),
    }),
    ListHeader: listHeader,
    CrownCourt: crownCourt,
    CourtLists: z.array(
      z.object({
        SittingDate: looseDate,
        CourtHouse: courtHouse,
        Sittings: sittings(
          z.object({
            HearingSequenceNumber: integer,
            HearingDetails: firmHearingDetails,
            TimeMarkingNote: text.optional(),
            CaseNumber: text,
            CaseNumberCaTH: text,
            Prosecution: prosecution(maskedPerson).optional(),
            CommittingCourt: committingCourt.optional(),
            ListNote: text.optional(),
            Defendants: z
              .array(
                z.object({
                  PersonalDetails: personalDetails,
                  URN: text.optional(),
                  Counsel: counsel.optional(),
                  Charges: charges.optional(),
                }),
              )
              .optional(),
            Respondent: textArray.optional(),
          }),
        ),
      }),
    ),
    ReserveList: z
      .array(
        z.object({
          HearingDetails: firmHearingDetails,
          CaseNumber: caseReference,
          CaseNumberCaTH: caseReference,
          Prosecution: prosecution(maskedPerson).optional(),
          CommittingCourt: committingCourt.optional(),
          ListNote: text.optional(),
          Defendants: z.array(z.object({ PersonalDetails: maskedPerson, URN: text.optional() })).optional(),
          Respondent: textArray.optional(),
        }),
      )
      .optional(),
  }),
});

/** Where a warned case came from: exactly one of an originating court or a Section 53 flag, nothing else. */
const caseArrivedFrom = z.union([
  z.strictObject({
    OriginatingCourt: z.object({
      CourtHouseCode: integer,
      CourtHouseShortName: text.optional(),
      CourtHouseName: text,
    }),
  }),
  z.strictObject({ Section53: yesNo }),
]);

const warnedFixtures = z.array(
  z.object({
    HearingType: hearingTypeCode.optional(),
    Fixture: z.array(
      z.object({
        FixedDate: looseDate.optional(),
        Notes: text.optional(),
        Cases: z.array(
          z.object({
            CaseNumber: text,
            CaseNumberCaTH: text,
            CaseArrivedFrom: caseArrivedFrom.optional(),
            Hearing: z
              .array(
                z.object({
                  HearingDescription: text,
                  HearingDate: looseDate.optional(),
                  HearingEndDate: looseDate.optional(),
                  ListNote: text.optional(),
                  HearingType: hearingTypeCode.optional(),
                }),
              )
              .optional(),
            Defendants: z.array(
              z.object({
                PersonalDetails: personalDetails,
                URN: text.optional(),
                PrisonerID: text.optional(),
                PrisonLocation: prisonLocation.optional(),
                CustodyStatus: z.enum(['On bail', 'On remand', 'In care', 'In custody', 'Not applicable']).optional(),
                Counsel: counsel.optional(),
                Charges: charges.optional(),
              }),
            ),
            Prosecution: z
              .object({
                ProsecutingOrganisation: z.object({ OrganisationName: text }).optional(),
                ProsecutingAuthority: prosecutingAuthority.optional(),
              })
              .optional(),
            LinkedCases: z.array(z.object({ CaseNumber: text })).optional(),
          }),
        ),
      }),
    ),
  }),
);

export const crownWarnedPddaListSchema = z.object({
  WarnedList: z.object({
    DocumentID: documentId,
    ListHeader: listHeader,
    CrownCourt: crownCourt,
    ListingInstruction: textArray.optional(),
    CourtLists: z.array(
      z.object({
        CourtHouse: courtHouse,
        WithFixedDate: warnedFixtures.optional(),
        WithoutFixedDate: warnedFixtures.optional(),
      }),
    ),
  }),
});
