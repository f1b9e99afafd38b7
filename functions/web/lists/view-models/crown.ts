/** Crown Court daily, firm and warned lists from PDDA/XHIBIT (their own shape, not courtLists). */
import { formatDate, formatLocalTime, joinPresent } from '../format.js';
import { fill, type ListStrings } from '../strings.js';
import { basePage, crimeRestrictions, finish, group, type PageInput } from './page.js';
import { emptySection, type Cell, type Group, type ListPageContext } from './view.js';

interface CitizenName {
  CitizenNameTitle?: string;
  CitizenNameForename?: string[];
  CitizenNameSurname?: string;
  CitizenNameSuffix?: string;
  CitizenNameRequestedName?: string;
}
interface PersonalDetails {
  Name?: CitizenName;
  MaskedName?: string;
  IsMasked?: 'yes' | 'no';
}
interface Defendant {
  PersonalDetails?: PersonalDetails;
  CustodyStatus?: string;
  Counsel?: { Solicitor?: { Party?: { Organisation?: { OrganisationName?: string } } }[] }[];
}
interface Prosecution {
  ProsecutingOrganisation?: { OrganisationName?: string };
  ProsecutingAuthority?: string;
}
interface PddaHearing {
  HearingDetails?: { HearingDescription?: string; HearingDate?: string };
  CaseNumber?: string;
  CaseNumberCaTH?: string;
  TimeMarkingNote?: string;
  Prosecution?: Prosecution;
  ListNote?: string;
  Defendants?: Defendant[];
}
interface PddaSitting {
  CourtRoomNumber?: number;
  SittingAt?: string;
  SittingNote?: string;
  Judiciary?: { Judge?: CitizenName; Justice?: CitizenName[] };
  Hearings?: PddaHearing[];
}
interface CourtHouse {
  CourtHouseName?: string;
  CourtHouseAddress?: { Line?: string[]; PostCode?: string };
}
interface CourtList {
  SittingDate?: string;
  CourtHouse?: CourtHouse;
  Sittings?: PddaSitting[];
}
interface ListHeader {
  StartDate?: string;
  EndDate?: string;
  Version?: string;
}
interface PddaList {
  ListHeader?: ListHeader;
  CrownCourt?: CourtHouse;
  CourtLists?: CourtList[];
  ReserveList?: PddaHearing[];
}
interface WarnedCase {
  CaseNumber?: string;
  Hearing?: { HearingDescription?: string; ListNote?: string }[];
  Defendants?: Defendant[];
  Prosecution?: Prosecution;
  LinkedCases?: { CaseNumber?: string }[];
}
interface WarnedFixtures {
  HearingType?: string;
  Fixture?: { FixedDate?: string; Notes?: string; Cases?: WarnedCase[] }[];
}
interface WarnedList {
  ListHeader?: ListHeader;
  CrownCourt?: CourtHouse;
  ListingInstruction?: string[];
  CourtLists?: { CourtHouse?: CourtHouse; WithFixedDate?: WarnedFixtures[]; WithoutFixedDate?: WarnedFixtures[] }[];
}

function citizenName(name: CitizenName | undefined): string {
  if (name === undefined) return '';
  if (name.CitizenNameRequestedName?.trim()) return name.CitizenNameRequestedName.trim();
  return joinPresent([
    name.CitizenNameTitle,
    ...(name.CitizenNameForename ?? []),
    name.CitizenNameSurname,
    name.CitizenNameSuffix,
  ]);
}

/** A masked defendant is shown by the masked name only. */
function defendantName(defendant: Defendant): string {
  const details = defendant.PersonalDetails;
  if (details?.IsMasked === 'yes') return details.MaskedName?.trim() ?? '';
  const name = details?.Name;
  if (name === undefined) return '';
  const surname = name.CitizenNameSurname?.trim() ?? '';
  const forenames = joinPresent(name.CitizenNameForename ?? []);
  return surname && forenames ? `${surname}, ${forenames}` : surname || forenames;
}

function prosecutor(prosecution: Prosecution | undefined): string {
  return prosecution?.ProsecutingOrganisation?.OrganisationName?.trim() || (prosecution?.ProsecutingAuthority ?? '');
}

function courtAddress(courtHouse: CourtHouse | undefined): string[] {
  return [...(courtHouse?.CourtHouseAddress?.Line ?? []), courtHouse?.CourtHouseAddress?.PostCode ?? ''].filter(
    (line) => line.trim() !== '',
  );
}

function crownPage(input: PageInput, list: PddaList | WarnedList | undefined): ListPageContext {
  const page = basePage(input, list?.CrownCourt?.CourtHouseName);
  page.lines = courtAddress(list?.CrownCourt);
  const header = list?.ListHeader;
  if (header?.StartDate) {
    const start = formatDate(header.StartDate, input.language);
    const end =
      header.EndDate && header.EndDate !== header.StartDate ? formatDate(header.EndDate, input.language) : null;
    page.listDateLine = `${page.strings.common.listFor} ${end ? `${start} ${page.strings.crown.to} ${end}` : start}`;
  }
  page.versionLine = header?.Version ? `${page.strings.common.version} ${header.Version}` : null;
  page.information.push(crimeRestrictions(page.strings));
  return page;
}

function sittingHeading(sitting: PddaSitting, strings: ListStrings): string {
  const room = fill(strings.crown.courtroomNumber, { number: sitting.CourtRoomNumber ?? '' });
  const judge = citizenName(sitting.Judiciary?.Judge);
  return judge ? `${room}, ${strings.common.before}: ${judge}` : room;
}

function courtListGroups(page: ListPageContext, courtLists: readonly CourtList[], firm: boolean): Group[] {
  const { common, crown } = page.strings;
  const head = firm
    ? [
        common.caseReference,
        crown.defendantName,
        common.hearingType,
        crown.representedBy,
        crown.prosecutingAuthority,
        crown.listingNotes,
      ]
    : [
        crown.hearingTime,
        common.caseReference,
        crown.defendantName,
        common.hearingType,
        crown.prosecutingAuthority,
        crown.listingNotes,
      ];
  return courtLists.map((courtList) => {
    const heading =
      firm && courtList.SittingDate
        ? joinPresent([courtList.CourtHouse?.CourtHouseName, formatDate(courtList.SittingDate, page.language)], ': ')
        : (courtList.CourtHouse?.CourtHouseName ?? null);
    const courtGroup = group(heading, courtAddress(courtList.CourtHouse));
    for (const sitting of courtList.Sittings ?? []) {
      const sectionHeading = sittingHeading(sitting, page.strings);
      const time = formatLocalTime(sitting.SittingAt);
      const section = emptySection(
        sectionHeading,
        joinPresent([time ? fill(crown.sittingAtTime, { time }) : '', sitting.SittingNote], '. '),
      );
      const rows: Cell[][] = (sitting.Hearings ?? []).map((hearing) => {
        const defendants = hearing.Defendants ?? [];
        const names = { text: joinPresent(defendants.map(defendantName), '; ') };
        const reference = { text: hearing.CaseNumber ?? hearing.CaseNumberCaTH ?? '' };
        const hearingType = { text: hearing.HearingDetails?.HearingDescription ?? '' };
        const notes = { text: joinPresent([hearing.ListNote, hearing.TimeMarkingNote], '. ') };
        if (firm) {
          const counsel = defendants.flatMap((defendant) =>
            (defendant.Counsel ?? []).flatMap((entry) =>
              (entry.Solicitor ?? []).map((solicitor) => solicitor.Party?.Organisation?.OrganisationName),
            ),
          );
          return [
            reference,
            names,
            hearingType,
            { text: joinPresent(counsel, ', ') },
            { text: prosecutor(hearing.Prosecution) },
            notes,
          ];
        }
        return [{ text: time }, reference, names, hearingType, { text: prosecutor(hearing.Prosecution) }, notes];
      });
      section.tables.push({ caption: fill(common.hearingsIn, { place: sectionHeading }), head, rows });
      courtGroup.sections.push(section);
    }
    return courtGroup;
  });
}

export function crownDailyPddaList(input: PageInput, payload: unknown) {
  const list = (payload as { DailyList?: PddaList } | null)?.DailyList;
  const page = crownPage(input, list);
  page.groups = courtListGroups(page, list?.CourtLists ?? [], false);
  return finish(page);
}

export function crownFirmPddaList(input: PageInput, payload: unknown) {
  const list = (payload as { FirmList?: PddaList } | null)?.FirmList;
  const page = crownPage(input, list);
  const { common, crown } = page.strings;
  page.groups = courtListGroups(page, list?.CourtLists ?? [], true);
  const reserve = list?.ReserveList ?? [];
  if (reserve.length > 0) {
    const reserveGroup = group(crown.reserveList);
    reserveGroup.tables.push({
      caption: crown.reserveList,
      head: [
        common.caseReference,
        crown.defendantName,
        common.hearingType,
        crown.prosecutingAuthority,
        crown.listingNotes,
      ],
      rows: reserve.map((hearing) => [
        { text: hearing.CaseNumber ?? '' },
        { text: joinPresent((hearing.Defendants ?? []).map(defendantName), '; ') },
        { text: hearing.HearingDetails?.HearingDescription ?? '' },
        { text: prosecutor(hearing.Prosecution) },
        { text: hearing.ListNote ?? '' },
      ]),
    });
    page.groups.push(reserveGroup);
  }
  page.footerParagraphs = [crown.firmLegal1, crown.firmLegal2];
  return finish(page);
}

export function crownWarnedPddaList(input: PageInput, payload: unknown) {
  const list = (payload as { WarnedList?: WarnedList } | null)?.WarnedList;
  const page = crownPage(input, list);
  const { common, crown } = page.strings;
  const start = list?.ListHeader?.StartDate ? formatDate(list.ListHeader.StartDate, input.language) : '';
  page.notices.push(fill(crown.warnedP1, { date: start }), crown.warnedP2, crown.warnedP3, crown.warnedP4);
  const instructions = (list?.ListingInstruction ?? []).filter((line) => line.trim() !== '');
  if (instructions.length > 0) {
    page.information.push({
      heading: crown.listingInstructions,
      paragraphs: instructions,
      bold: [],
      bullets: [],
      open: true,
    });
  }
  const head = [
    crown.fixedFor,
    common.caseReference,
    crown.defendantName,
    crown.prosecutingAuthority,
    crown.linkedCases,
    crown.listingNotes,
  ];
  for (const courtList of list?.CourtLists ?? []) {
    const courtGroup = group(courtList.CourtHouse?.CourtHouseName ?? null);
    const sections = new Map<string, Cell[][]>();
    const add = (fixtures: readonly WarnedFixtures[], fixed: boolean) => {
      for (const fixtureGroup of fixtures) {
        for (const fixture of fixtureGroup.Fixture ?? []) {
          for (const warnedCase of fixture.Cases ?? []) {
            const description = warnedCase.Hearing?.[0]?.HearingDescription?.trim() || fixtureGroup.HearingType || '';
            const rows = sections.get(description) ?? [];
            sections.set(description, rows);
            const defendants = (warnedCase.Defendants ?? []).map(
              (defendant) => `${defendantName(defendant)}${defendant.CustodyStatus === 'In custody' ? '*' : ''}`,
            );
            rows.push([
              {
                text: fixed && fixture.FixedDate ? formatDate(fixture.FixedDate, input.language) : crown.toBeAllocated,
              },
              { text: warnedCase.CaseNumber ?? '' },
              { text: joinPresent(defendants, '; ') },
              { text: prosecutor(warnedCase.Prosecution) },
              {
                text: joinPresent(
                  (warnedCase.LinkedCases ?? []).map((linked) => linked.CaseNumber),
                  ', ',
                ),
              },
              {
                text: joinPresent(
                  [...(warnedCase.Hearing ?? []).map((hearing) => hearing.ListNote), fixture.Notes],
                  '. ',
                ),
              },
            ]);
          }
        }
      }
    };
    add(courtList.WithFixedDate ?? [], true);
    add(courtList.WithoutFixedDate ?? [], false);
    for (const [description, rows] of sections) {
      const section = emptySection(description);
      section.tables.push({ caption: fill(common.hearingsIn, { place: description }), head, rows });
      courtGroup.sections.push(section);
    }
    page.groups.push(courtGroup);
  }
  return finish(page);
}
