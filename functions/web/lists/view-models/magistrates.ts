/** Magistrates public and standard lists: a section per courtroom session; the standard list details each defendant. */
import { addressLines, formatDate, formatJudiciary, formatTime, joinPresent, surnameFirst } from '../format.js';
import { fill, type ListStrings } from '../strings.js';
import { basePage, crimeRestrictions, finish, group, type PageInput } from './page.js';
import { asStrategic, type Application, type Case, type Hearing, type Offence, type Party } from './strategic.js';
import { emptySection, type Block, type Cell, type Fact, type Table } from './view.js';

function isDefendant(party: Party): boolean {
  const role = party.partyRole?.toUpperCase() ?? '';
  return (
    role === 'DEFENDANT' ||
    role === 'ACCUSED' ||
    role === 'RESPONDENT' ||
    role === 'APPLICANT' ||
    party.subject === true
  );
}

function isProsecutor(party: Party): boolean {
  const role = party.partyRole?.toUpperCase() ?? '';
  return role === 'PROSECUTING_AUTHORITY' || role === 'PROSECUTOR';
}

function defendantName(party: Party): string {
  return surnameFirst(party.individualDetails) || (party.organisationDetails?.organisationName?.trim() ?? '');
}

function prosecutorOf(parties: readonly Party[]): string {
  return joinPresent(
    parties.filter(isProsecutor).map((party) => party.organisationDetails?.organisationName),
    ', ',
  );
}

interface Matter {
  reference: string;
  type: string | null;
  particulars: string | null;
  reportingRestriction: boolean;
  restrictions: string[];
  parties: Party[];
}

function mattersOf(hearing: Hearing): Matter[] {
  const matters: Matter[] = (hearing.case ?? []).map((hearingCase: Case) => ({
    reference: hearingCase.caseUrn ?? hearingCase.caseNumber ?? '',
    type: null,
    particulars: null,
    reportingRestriction: hearingCase.reportingRestriction === true,
    restrictions: [
      ...(hearingCase.reportingRestrictionDetail ?? []),
      ...(hearingCase.reportingRestrictionDetails ?? []),
    ],
    parties: hearingCase.party ?? hearing.party ?? [],
  }));
  for (const application of hearing.application ?? ([] as Application[])) {
    matters.push({
      reference: application.applicationReference ?? '',
      type: application.applicationType ?? null,
      particulars: application.applicationParticulars ?? null,
      reportingRestriction: false,
      restrictions: [],
      parties: application.party ?? [],
    });
  }
  return matters;
}

function restrictionNote(matter: Matter, strings: ListStrings): string[] {
  if (matter.restrictions.length > 0)
    return [`${strings.common.reportingRestrictions}: ${matter.restrictions.join(', ')}`];
  return matter.reportingRestriction ? [`${strings.common.reportingRestrictions}: ${strings.common.yes}`] : [];
}

export function magistratesPublicList(input: PageInput, payload: unknown) {
  const data = asStrategic(payload);
  const page = basePage(input, data.venue?.venueName);
  const { common, magistrates } = page.strings;
  page.versionLine = data.document?.version ? `${common.version} ${data.document.version}` : null;
  page.lines = addressLines(data.venue?.venueAddress);
  page.information.push(crimeRestrictions(page.strings));
  const head = [
    common.sittingAt,
    common.caseReference,
    magistrates.defendantName,
    common.hearingType,
    magistrates.prosecutingAuthority,
    magistrates.caseDetails,
  ];
  for (const courtList of data.courtLists ?? []) {
    const courtHouse = courtList.courtHouse ?? {};
    const courtGroup = group(courtHouse.courtHouseName?.trim() ?? null, addressLines(courtHouse.courtHouseAddress));
    for (const courtRoom of courtHouse.courtRoom ?? []) {
      for (const session of courtRoom.session ?? []) {
        const judiciary = formatJudiciary(session.judiciary);
        const room = courtRoom.courtRoomName?.trim() ?? '';
        const heading = judiciary ? `${room}, ${common.before}: ${judiciary}` : room;
        const section = emptySection(heading);
        const rows: Cell[][] = [];
        for (const sitting of session.sittings ?? []) {
          for (const hearing of sitting.hearing ?? []) {
            for (const matter of mattersOf(hearing)) {
              rows.push([
                { text: formatTime(sitting.sittingStart) },
                { text: matter.reference },
                { text: joinPresent(matter.parties.filter(isDefendant).map(defendantName), '; ') },
                { text: hearing.hearingType ?? '' },
                { text: prosecutorOf(matter.parties) },
                {
                  text: joinPresent([matter.type, joinPresent(hearing.channel ?? [], ', ')], ', '),
                  notes: restrictionNote(matter, page.strings),
                },
              ]);
            }
          }
        }
        section.tables.push({ caption: fill(common.hearingsIn, { place: heading }), head, rows });
        courtGroup.sections.push(section);
      }
    }
    page.groups.push(courtGroup);
  }
  return finish(page);
}

function offenceTable(
  offences: readonly Offence[],
  strings: ListStrings,
  language: PageInput['language'],
  name: string,
): Table | null {
  if (offences.length === 0) return null;
  const { magistrates, common } = strings;
  return {
    caption: `${magistrates.offence}: ${name}`,
    head: [
      magistrates.offence,
      magistrates.plea,
      magistrates.dateOfPlea,
      magistrates.convictedOn,
      magistrates.adjournedFrom,
      magistrates.legislation,
      magistrates.maxPenalty,
      common.reportingRestrictions,
    ],
    rows: offences.map((offence) => {
      const restrictions = [
        ...(offence.reportingRestrictionDetail ?? []),
        ...(offence.reportingRestrictionDetails ?? []),
      ];
      return [
        {
          text: joinPresent([offence.offenceCode ? `${offence.offenceCode} -` : '', offence.offenceTitle]),
          notes: offence.offenceWording ? [offence.offenceWording] : [],
        },
        { text: offence.plea?.replace(/_/g, ' ') ?? '' },
        { text: offence.pleaDate ? formatDate(offence.pleaDate, language) : '' },
        { text: offence.convictionDate ? formatDate(offence.convictionDate, language) : '' },
        { text: offence.adjournedDate ? formatDate(offence.adjournedDate, language) : '' },
        { text: offence.offenceLegislation ?? '' },
        { text: offence.offenceMaxPen ?? '' },
        {
          text:
            restrictions.length > 0 ? restrictions.join(', ') : offence.reportingRestriction === true ? common.yes : '',
        },
      ];
    }),
  };
}

export function magistratesStandardList(input: PageInput, payload: unknown) {
  const data = asStrategic(payload);
  const page = basePage(input, data.venue?.venueName);
  const { common, magistrates } = page.strings;
  page.lines = addressLines(data.venue?.venueAddress);
  page.information.push(crimeRestrictions(page.strings));
  for (const courtList of data.courtLists ?? []) {
    const courtHouse = courtList.courtHouse ?? {};
    const lines = courtHouse.lja ? [`${magistrates.lja}: ${courtHouse.lja}`] : [];
    const courtGroup = group(courtHouse.courtHouseName?.trim() ?? null, lines);
    for (const courtRoom of courtHouse.courtRoom ?? []) {
      for (const session of courtRoom.session ?? []) {
        const judiciary = formatJudiciary(session.judiciary);
        const room = courtRoom.courtRoomName?.trim() ?? '';
        const section = emptySection(judiciary ? `${room}, ${common.before}: ${judiciary}` : room);
        for (const sitting of session.sittings ?? []) {
          const time = formatTime(sitting.sittingStart);
          for (const hearing of sitting.hearing ?? []) {
            for (const matter of mattersOf(hearing)) {
              const prosecutor = prosecutorOf(matter.parties);
              const defendants = matter.parties.filter((party) => !isProsecutor(party));
              for (const party of defendants.length > 0 ? defendants : [{} as Party]) {
                const name = defendantName(party);
                const details = party.individualDetails;
                const facts: Fact[] = [
                  { key: common.sittingAt, value: time },
                  {
                    key: matter.type === null ? common.caseReference : magistrates.applicationReference,
                    value: matter.reference,
                  },
                ];
                if (matter.type) facts.push({ key: magistrates.applicationType, value: matter.type });
                if (details?.dateOfBirth || details?.age !== undefined) {
                  const dob = details.dateOfBirth ? formatDate(details.dateOfBirth, input.language) : '';
                  const age = details.age === undefined ? '' : `${magistrates.age}: ${details.age}`;
                  facts.push({ key: magistrates.dateOfBirthAndAge, value: joinPresent([dob, age], ', ') });
                }
                const address = addressLines(details?.address ?? party.organisationDetails?.organisationAddress);
                if (address.length > 0) facts.push({ key: common.address, value: address.join(', '), lines: address });
                if (details?.asn) facts.push({ key: magistrates.asn, value: details.asn });
                if (details?.pncId) facts.push({ key: magistrates.pncId, value: details.pncId });
                if (details?.inCustody === true) facts.push({ key: magistrates.inCustody, value: common.yes });
                facts.push({ key: common.hearingType, value: hearing.hearingType ?? '' });
                if (hearing.panel) facts.push({ key: magistrates.panel, value: hearing.panel });
                if (prosecutor) facts.push({ key: magistrates.prosecutingAuthority, value: prosecutor });
                const attendance = party.attendanceMethod ?? joinPresent(hearing.channel ?? [], ', ');
                if (attendance) facts.push({ key: magistrates.attendanceMethod, value: attendance });
                const restrictions = restrictionNote(matter, page.strings);
                if (restrictions.length > 0)
                  facts.push({
                    key: common.reportingRestrictions,
                    value: restrictions.join(' ').replace(`${common.reportingRestrictions}: `, ''),
                  });
                if (matter.particulars)
                  facts.push({ key: magistrates.applicationParticulars, value: matter.particulars });
                const block: Block = {
                  heading: name || matter.reference,
                  facts: facts.filter((fact) => fact.value !== ''),
                  table: offenceTable(
                    [...(party.offence ?? []), ...(hearing.offence ?? [])],
                    page.strings,
                    input.language,
                    name || matter.reference,
                  ),
                };
                section.blocks.push(block);
              }
            }
          }
        }
        courtGroup.sections.push(section);
      }
    }
    page.groups.push(courtGroup);
  }
  return finish(page);
}
