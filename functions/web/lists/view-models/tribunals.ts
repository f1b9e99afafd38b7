/** Tribunal daily lists: SSCS, Employment Tribunals and Immigration and Asylum Chamber. */
import { addressLines, formatChannel, formatDuration, formatJudiciary, formatTime, joinPresent } from '../format.js';
import { fill, type ListStrings } from '../strings.js';
import { basePage, finish, group, type PageInput } from './page.js';
import {
  asStrategic,
  partiesOf,
  sides,
  withRepresentative,
  type Case,
  type Hearing,
  type Sitting,
} from './strategic.js';
import { emptySection, type Cell, type Information } from './view.js';

export function sscsDailyList(input: PageInput, payload: unknown) {
  const data = asStrategic(payload);
  const page = basePage(input, data.venue?.venueName);
  const { common, sscs } = page.strings;
  page.notices.push(sscs.warning);
  const contact = data.venue?.venueContact;
  page.information.push({
    heading: common.importantInformation,
    paragraphs: [
      common.openJustice,
      fill(common.openJusticeContact, {
        court: page.courtName,
        email: contact?.venueEmail ?? '',
        phone: contact?.venueTelephone ?? '',
      }),
      common.openJusticePrivate,
    ],
    bold: [],
    bullets: [],
    open: true,
  });
  const head = [
    sscs.hearingTime,
    sscs.appealReference,
    sscs.tribunalType,
    sscs.appellant,
    sscs.respondent,
    sscs.panel,
    common.hearingChannel,
  ];
  for (const courtList of data.courtLists ?? []) {
    const courtHouse = courtList.courtHouse ?? {};
    const name = courtHouse.courtHouseName?.trim() ?? '';
    const courtGroup = group(
      fill(sscs.hearingsFor, { court: name, date: page.listDateLine.replace(`${common.listFor} `, '') }),
    );
    for (const courtRoom of courtHouse.courtRoom ?? []) {
      const room = courtRoom.courtRoomName?.trim() ?? '';
      const heading = `${common.courtroom}: ${room}`;
      const section = emptySection(heading);
      const rows: Cell[][] = [];
      for (const session of courtRoom.session ?? []) {
        for (const sitting of session.sittings ?? []) {
          const panel = formatJudiciary(sitting.judiciary?.length ? sitting.judiciary : session.judiciary);
          for (const hearing of sitting.hearing ?? []) {
            for (const hearingCase of hearing.case ?? []) {
              const parties = sides(partiesOf(hearing, hearingCase));
              rows.push([
                { text: formatTime(sitting.sittingStart) },
                { text: hearingCase.caseNumber ?? '' },
                { text: hearing.hearingType ?? hearingCase.caseType ?? '' },
                withRepresentative(parties.applicant, parties.applicantRepresentative, common.legalAdvisor),
                withRepresentative(parties.respondent, parties.respondentRepresentative, common.legalAdvisor),
                { text: panel },
                { text: formatChannel(sitting.channel, session.sessionChannel) },
              ]);
            }
          }
        }
      }
      section.tables.push({ caption: fill(common.hearingsIn, { place: heading }), head, rows });
      courtGroup.sections.push(section);
    }
    page.groups.push(courtGroup);
  }
  return finish(page);
}

export function representativeCell(name: string, representative: string, repLabel: string, noRep: string): Cell {
  if (!name) return { text: '' };
  return { text: name, notes: [representative ? `${repLabel}: ${representative}` : noRep] };
}

/** A case's reference: its number, then its sequence indicator in brackets when it has one. */
export function caseReference(hearingCase: Case): string {
  return joinPresent([
    hearingCase.caseNumber,
    hearingCase.caseSequenceIndicator ? `[${hearingCase.caseSequenceIndicator}]` : '',
  ]);
}

/** The headings of `etCaseCells`. */
export function etCaseHead({ common, et }: ListStrings): string[] {
  return [common.startTime, common.duration, common.caseReference, et.claimant, et.respondent];
}

/**
 * The ET lists' first cells for a case: start time, duration, case reference, then the claimant and the respondent
 * with their representatives.
 */
export function etCaseCells(strings: ListStrings, sitting: Sitting, hearing: Hearing, hearingCase: Case): Cell[] {
  const { et } = strings;
  const parties = sides(partiesOf(hearing, hearingCase));
  return [
    { text: formatTime(sitting.sittingStart) },
    { text: formatDuration(sitting.sittingStart, sitting.sittingEnd, strings) },
    { text: caseReference(hearingCase) },
    representativeCell(parties.applicant, parties.applicantRepresentative, et.representative, et.noRepresentative),
    representativeCell(parties.respondent, parties.respondentRepresentative, et.representative, et.noRepresentative),
  ];
}

/** The ET lists' important information: open justice, the press notice, and whom to ask to observe (`contact`). */
export function etPressInformation(strings: ListStrings, contact: string): Information {
  const { common, et } = strings;
  return {
    heading: common.importantInformation,
    paragraphs: [
      common.openJustice,
      common.openJusticePrivate,
      et.pressNotice,
      fill(et.observeRequest, { email: contact }),
      et.emailSubject,
    ],
    bold: [],
    bullets: [],
    open: true,
  };
}

export function etDailyList(input: PageInput, payload: unknown) {
  const data = asStrategic(payload);
  const page = basePage(input, data.venue?.venueName);
  const { common, et } = page.strings;
  page.information.push(etPressInformation(page.strings, data.venue?.venueContact?.venueEmail ?? ''));
  const head = [...etCaseHead(page.strings), common.hearingType, et.jurisdiction, common.hearingChannel];
  for (const courtList of data.courtLists ?? []) {
    const courtHouse = courtList.courtHouse ?? {};
    const courtGroup = group(courtHouse.courtHouseName?.trim() ?? null, addressLines(courtHouse.courtHouseAddress));
    for (const courtRoom of courtHouse.courtRoom ?? []) {
      const heading = courtRoom.courtRoomName?.trim() ?? common.courtroom;
      const section = emptySection(heading);
      const rows: Cell[][] = [];
      for (const session of courtRoom.session ?? []) {
        for (const sitting of session.sittings ?? []) {
          for (const hearing of sitting.hearing ?? []) {
            for (const hearingCase of hearing.case ?? []) {
              rows.push([
                ...etCaseCells(page.strings, sitting, hearing, hearingCase),
                { text: hearing.hearingType ?? '' },
                { text: hearingCase.caseJurisdictionET ?? '' },
                { text: formatChannel(sitting.channel, session.sessionChannel) },
              ]);
            }
          }
        }
      }
      section.tables.push({ caption: fill(common.hearingsIn, { place: heading }), head, rows });
      courtGroup.sections.push(section);
    }
    page.groups.push(courtGroup);
  }
  return finish(page);
}

export function iacDailyList(input: PageInput, payload: unknown) {
  const data = asStrategic(payload);
  const page = basePage(input, data.venue?.venueName);
  const { common, iac } = page.strings;
  page.lines.push(iac.heading);
  page.information.push({
    heading: common.importantInformation,
    paragraphs: [
      common.openJustice,
      fill(iac.contact, { email: data.venue?.venueContact?.venueEmail ?? '' }),
      common.openJusticePrivate,
    ],
    bold: [],
    bullets: [],
    open: true,
  });
  const head = [
    common.startTime,
    common.caseReference,
    iac.appellant,
    iac.respondent,
    iac.interpreterLanguage,
    common.hearingChannel,
  ];
  for (const courtList of data.courtLists ?? []) {
    const courtGroup = group(courtList.courtListName?.trim() ?? null);
    for (const courtRoom of courtList.courtHouse?.courtRoom ?? []) {
      for (const session of courtRoom.session ?? []) {
        const judiciary = formatJudiciary(session.judiciary);
        const room = `${iac.hearingRoom}: ${courtRoom.courtRoomName?.trim() ?? ''}`;
        const heading = judiciary ? `${room}, ${common.before}: ${judiciary}` : room;
        const section = emptySection(heading);
        const rows: Cell[][] = [];
        for (const sitting of session.sittings ?? []) {
          for (const hearing of sitting.hearing ?? []) {
            for (const hearingCase of hearing.case ?? []) {
              const parties = sides(partiesOf(hearing, hearingCase));
              rows.push([
                { text: formatTime(sitting.sittingStart) },
                { text: caseReference(hearingCase) },
                withRepresentative(parties.applicant, parties.applicantRepresentative, common.legalAdvisor),
                withRepresentative(parties.respondent, parties.respondentRepresentative, common.legalAdvisor),
                { text: hearingCase.language ?? '' },
                { text: formatChannel(sitting.channel, session.sessionChannel) },
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
