/**
 * The courtLists shape every strategic list shares (the master schema), read loosely: the payload has passed its
 * schema, but builders still read every property as optional so that an odd payload degrades rather than fails.
 */
import { fullName, joinPresent, partyName, type AddressLike, type IndividualName, type Judiciary } from '../format.js';

export interface Offence {
  offenceCode?: string;
  offenceTitle?: string;
  offenceWording?: string;
  offenceMaxPen?: string;
  offenceLegislation?: string;
  plea?: string;
  pleaDate?: string;
  convictionDate?: string;
  adjournedDate?: string;
  reportingRestriction?: boolean;
  reportingRestrictionDetail?: string[];
  reportingRestrictionDetails?: string[];
}

export interface Party {
  partyRole?: string;
  friendlyRoleName?: string;
  subject?: boolean;
  attendanceMethod?: string;
  individualDetails?: IndividualName & {
    dateOfBirth?: string;
    age?: number;
    address?: AddressLike;
    inCustody?: boolean;
    gender?: string;
    asn?: string;
    pncId?: string;
  };
  organisationDetails?: { organisationName?: string; organisationAddress?: AddressLike };
  offence?: Offence[];
}

export interface Case {
  caseNumber?: string;
  caseName?: string;
  caseUrn?: string;
  caseType?: string;
  caseSequenceIndicator?: string;
  caseJurisdictionET?: string;
  language?: string;
  reportingRestriction?: boolean;
  reportingRestrictionDetail?: string[];
  reportingRestrictionDetails?: string[];
  /** The Court of Protection list gives them as one string. */
  reportingRestrictions?: string;
  party?: Party[];
}

export interface Application {
  applicationReference?: string;
  applicationType?: string;
  applicationParticulars?: string;
  party?: Party[];
}

export interface Hearing {
  hearingType?: string;
  panel?: string;
  channel?: string[];
  listNote?: string;
  case?: Case[];
  application?: Application[];
  party?: Party[];
  offence?: Offence[];
}

export interface Sitting {
  sittingStart?: string;
  sittingEnd?: string;
  channel?: string[];
  judiciary?: Judiciary[];
  hearing?: Hearing[];
}

export interface Session {
  sessionChannel?: string[];
  judiciary?: Judiciary[];
  sittings?: Sitting[];
}

export interface CourtRoom {
  courtRoomName?: string;
  session?: Session[];
}

export interface Contact {
  venueTelephone?: string;
  venueEmail?: string;
}

export interface CourtHouse {
  courtHouseName?: string;
  lja?: string;
  courtHouseAddress?: AddressLike;
  courtHouseContact?: Contact;
  courtRoom?: CourtRoom[];
}

export interface StrategicPayload {
  document?: { publicationDate?: string; version?: string; documentName?: string };
  venue?: { venueName?: string; venueAddress?: AddressLike; venueContact?: Contact };
  locationDetails?: { region?: { name?: string; regionalJOH?: Judiciary[] } };
  courtLists?: { courtListName?: string; courtHouse?: CourtHouse }[];
}

export function asStrategic(payload: unknown): StrategicPayload {
  if (typeof payload !== 'object' || payload === null) return {};
  return payload;
}

/** Parties of a case, else of its hearing. */
export function partiesOf(hearing: Hearing, hearingCase: Case | undefined): Party[] {
  if (hearingCase?.party && hearingCase.party.length > 0) return hearingCase.party;
  return hearing.party ?? [];
}

export interface Sides {
  applicant: string;
  applicantRepresentative: string;
  respondent: string;
  respondentRepresentative: string;
}

/**
 * Applicant and respondent names (and their representatives), by party role, as the live service's
 * `findAndManipulatePartyInformation` does: APPLICANT/CLAIMANT roles on one side, RESPONDENT on the other.
 */
export function sides(parties: readonly Party[]): Sides {
  const applicant: string[] = [];
  const applicantRepresentative: string[] = [];
  const respondent: string[] = [];
  const respondentRepresentative: string[] = [];
  for (const party of parties) {
    const role = party.partyRole?.toUpperCase() ?? '';
    const name = partyName(party);
    if (!name) continue;
    const representative = role.endsWith('_REPRESENTATIVE');
    if (role.startsWith('APPLICANT') || role.startsWith('CLAIMANT')) {
      (representative ? applicantRepresentative : applicant).push(name);
    } else if (role.startsWith('RESPONDENT')) {
      (representative ? respondentRepresentative : respondent).push(name);
    }
  }
  return {
    applicant: joinPresent(applicant, ', '),
    applicantRepresentative: joinPresent(applicantRepresentative, ', '),
    respondent: joinPresent(respondent, ', '),
    respondentRepresentative: joinPresent(respondentRepresentative, ', '),
  };
}

/** "Name" plus "Legal Advisor: Rep" as a note, when there is a representative. */
export function withRepresentative(
  name: string,
  representative: string,
  label: string,
): { text: string; notes?: string[] } {
  return representative ? { text: name, notes: [`${label}: ${representative}`] } : { text: name };
}

export function caseNameWithSequence(hearingCase: Case): string {
  const name = hearingCase.caseName?.trim() ?? '';
  const sequence = hearingCase.caseSequenceIndicator?.trim();
  return sequence ? joinPresent([name, `[${sequence}]`]) : name;
}

export function reportingRestrictionsOf(hearingCase: Case): string[] {
  const details = [
    ...(hearingCase.reportingRestrictionDetail ?? []),
    ...(hearingCase.reportingRestrictionDetails ?? []),
  ];
  if (hearingCase.reportingRestrictions?.trim()) details.push(hearingCase.reportingRestrictions.trim());
  return details.map((detail) => detail.trim()).filter((detail) => detail !== '');
}

export { fullName };
