/** Civil, family, civil-and-family and Court of Protection daily cause lists: a section per courtroom session. */
import { addressLines, formatChannel, formatDuration, formatJudiciary, formatTime } from '../format.js';
import { fill } from '../strings.js';
import { basePage, finish, group, openJusticeInformation, type PageInput } from './page.js';
import {
  asStrategic,
  caseNameWithSequence,
  partiesOf,
  reportingRestrictionsOf,
  sides,
  withRepresentative,
  type CourtRoom,
  type Session,
} from './strategic.js';
import { emptySection, type Cell, type ListPageContext, type Section } from './view.js';

type Variant = 'civil' | 'family' | 'cop';

function sessionHeading(courtRoom: CourtRoom, session: Session, before: string): string {
  const room = courtRoom.courtRoomName?.trim() ?? '';
  const judiciary = formatJudiciary(session.judiciary);
  return judiciary ? `${room}, ${before}: ${judiciary}` : room;
}

function causeList(input: PageInput, payload: unknown, variant: Variant): ListPageContext {
  const data = asStrategic(payload);
  const page = basePage(input, data.venue?.venueName);
  const { common, cop } = page.strings;
  page.lines = addressLines(data.venue?.venueAddress);

  if (variant === 'cop') {
    const regional = formatJudiciary(data.locationDetails?.region?.regionalJOH);
    if (regional) page.lines.push(`${cop.regionalLeadJudge}: ${regional}`);
    page.information.push({
      heading: common.importantInformation,
      paragraphs: [
        common.openJustice,
        fill(cop.importantInformationP2, { email: data.venue?.venueContact?.venueEmail ?? '' }),
        common.openJusticePrivate,
      ],
      bold: [],
      bullets: [],
      open: true,
    });
  } else {
    page.information.push(openJusticeInformation(page.strings, page.courtName, data.venue?.venueContact));
  }

  // The family lists add the parties to the civil columns.
  const civilHead = [
    common.time,
    common.caseReference,
    common.caseName,
    common.caseType,
    common.hearingType,
    common.location,
    common.duration,
  ];
  const head =
    variant === 'cop'
      ? [
          common.startTime,
          common.caseReference,
          cop.caseDetails,
          common.hearingType,
          cop.timeEstimate,
          common.hearingChannel,
        ]
      : variant === 'civil'
        ? civilHead
        : [...civilHead, common.applicant, common.respondent];

  for (const courtList of data.courtLists ?? []) {
    const courtHouse = courtList.courtHouse ?? {};
    const courtGroup = group(
      variant === 'cop'
        ? `${courtHouse.courtHouseName?.trim() ?? ''} ${cop.inCourtOfProtection}`.trim()
        : (courtHouse.courtHouseName?.trim() ?? null),
      addressLines(courtHouse.courtHouseAddress),
    );
    for (const courtRoom of courtHouse.courtRoom ?? []) {
      for (const session of courtRoom.session ?? []) {
        const heading = sessionHeading(courtRoom, session, common.before);
        const section: Section = emptySection(heading);
        const rows: Cell[][] = [];
        for (const sitting of session.sittings ?? []) {
          const time = formatTime(sitting.sittingStart);
          const duration = formatDuration(sitting.sittingStart, sitting.sittingEnd, page.strings);
          const channel = formatChannel(sitting.channel, session.sessionChannel);
          for (const hearing of sitting.hearing ?? []) {
            for (const hearingCase of hearing.case ?? []) {
              const restrictions = reportingRestrictionsOf(hearingCase);
              const nameCell: Cell =
                restrictions.length > 0
                  ? {
                      text: caseNameWithSequence(hearingCase),
                      notes: [`${common.reportingRestrictions}: ${restrictions.join(', ')}`],
                    }
                  : { text: caseNameWithSequence(hearingCase) };
              const reference = { text: hearingCase.caseNumber ?? '' };
              const hearingType = { text: hearing.hearingType ?? '' };
              if (variant === 'cop') {
                rows.push([{ text: time }, reference, nameCell, hearingType, { text: duration }, { text: channel }]);
                continue;
              }
              const row: Cell[] = [
                { text: time },
                reference,
                nameCell,
                { text: hearingCase.caseType ?? '' },
                hearingType,
                { text: channel },
                { text: duration },
              ];
              if (variant === 'family') {
                const parties = sides(partiesOf(hearing, hearingCase));
                row.push(
                  withRepresentative(parties.applicant, parties.applicantRepresentative, common.legalAdvisor),
                  withRepresentative(parties.respondent, parties.respondentRepresentative, common.legalAdvisor),
                );
              }
              rows.push(row);
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

export const civilDailyCauseList = (input: PageInput, payload: unknown) => causeList(input, payload, 'civil');
export const familyDailyCauseList = (input: PageInput, payload: unknown) => causeList(input, payload, 'family');
export const copDailyCauseList = (input: PageInput, payload: unknown) => causeList(input, payload, 'cop');
