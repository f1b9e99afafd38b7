/**
 * Magistrates adult court lists (Libra/Common Platform), as the live portal shows them: a section per session (a
 * courtroom and its start time) under each court house, with the local justice area. The standard list details
 * each case (defendant, date of birth, age, address, informant, offences with their wording, in Welsh where the
 * payload gives it); the public list shows only the listing time, the defendant and the case number.
 */
import { formatLocalTime } from '../format.js';
import { fill, type ListStrings } from '../strings.js';
import { basePage, crimeRestrictions, finish, group, type PageInput } from './page.js';
import { emptySection, type Block, type Cell, type Fact, type Group, type Section, type Table } from './view.js';

interface AdultOffence {
  code?: string;
  title?: string;
  cy_title?: string;
  sum?: string;
  cy_sum?: string;
}

interface AdultCase {
  caseno?: string;
  def_name?: string;
  def_dob?: string;
  def_age?: number;
  def_addr?: Partial<Record<'line1' | 'line2' | 'line3' | 'line4' | 'line5' | 'pcode', string>>;
  inf?: string;
  offences?: { offence?: AdultOffence[] };
}

interface AdultSession {
  lja?: string;
  court?: string;
  room?: number;
  sstart?: string;
  blocks?: { block?: { bstart?: string; cases?: { case?: AdultCase[] } }[] };
}

interface AdultCourtListPayload {
  document?: { data?: { job?: { printdate?: string; sessions?: { session?: AdultSession[] } } } };
}

function sessionsOf(payload: unknown): AdultSession[] {
  if (typeof payload !== 'object' || payload === null) return [];
  return (payload as AdultCourtListPayload).document?.data?.job?.sessions?.session ?? [];
}

/** Each case of a session with the start time of its block. */
function casesOf(session: AdultSession): { time: string; hearingCase: AdultCase }[] {
  return (session.blocks?.block ?? []).flatMap((block) =>
    (block.cases?.case ?? []).map((hearingCase) => ({ time: formatLocalTime(block.bstart), hearingCase })),
  );
}

function addressOf(hearingCase: AdultCase): string[] {
  const address = hearingCase.def_addr;
  if (address === undefined) return [];
  return [address.line1, address.line2, address.line3, address.line4, address.line5, address.pcode]
    .map((line) => line?.trim() ?? '')
    .filter((line) => line !== '');
}

/** The live service's rule: the Welsh title and wording in Welsh where the payload has them, else the English. */
function offenceTable(hearingCase: AdultCase, strings: ListStrings, language: PageInput['language']): Table | null {
  const offences = hearingCase.offences?.offence ?? [];
  if (offences.length === 0) return null;
  const { magistrates } = strings;
  const welsh = language === 'cy';
  return {
    caption: `${magistrates.offence}: ${hearingCase.def_name?.trim() ?? ''}`,
    head: [magistrates.offenceCode, magistrates.offenceTitle, magistrates.offenceSummary],
    rows: offences.map((offence): Cell[] => [
      { text: offence.code ?? '' },
      { text: (welsh && offence.cy_title?.trim() ? offence.cy_title : offence.title) ?? '' },
      { text: (welsh && offence.cy_sum?.trim() ? offence.cy_sum : offence.sum) ?? '' },
    ]),
  };
}

function caseBlock(time: string, hearingCase: AdultCase, strings: ListStrings, input: PageInput): Block {
  const { magistrates } = strings;
  const address = addressOf(hearingCase);
  const facts: Fact[] = [
    { key: magistrates.blockStart, value: time },
    { key: magistrates.caseNumber, value: hearingCase.caseno ?? '' },
    { key: magistrates.dateOfBirth, value: hearingCase.def_dob ?? '' },
    { key: magistrates.age, value: hearingCase.def_age === undefined ? '' : String(hearingCase.def_age) },
    { key: strings.common.address, value: address.join(', '), lines: address },
    { key: magistrates.informant, value: hearingCase.inf ?? '' },
  ];
  return {
    heading: hearingCase.def_name?.trim() || (hearingCase.caseno ?? ''),
    facts: facts.filter((fact) => fact.value.trim() !== ''),
    table: offenceTable(hearingCase, strings, input.language),
  };
}

/** The court house groups, in the order the payload first names them; a section per session in each. */
function adultCourtListPage(
  input: PageInput,
  payload: unknown,
  fillSection: (section: Section, session: AdultSession, strings: ListStrings) => void,
) {
  const sessions = sessionsOf(payload);
  const page = basePage(input, sessions[0]?.court);
  const { magistrates } = page.strings;
  page.information.push(crimeRestrictions(page.strings));
  const groups = new Map<string, { group: Group; ljas: Set<string> }>();
  for (const session of sessions) {
    const court = session.court?.trim() ?? '';
    let entry = groups.get(court);
    if (entry === undefined) {
      entry = { group: group(court || null), ljas: new Set() };
      groups.set(court, entry);
      page.groups.push(entry.group);
    }
    const lja = session.lja?.trim();
    if (lja && !entry.ljas.has(lja)) {
      entry.ljas.add(lja);
      entry.group.lines.push(`${magistrates.lja}: ${lja}`);
    }
    const section = emptySection(
      fill(magistrates.roomSession, { room: session.room ?? '', time: formatLocalTime(session.sstart) }),
    );
    fillSection(section, session, page.strings);
    if (section.tables.length === 0 && section.blocks.length === 0) section.summary = magistrates.noCases;
    entry.group.sections.push(section);
  }
  return finish(page);
}

/** MAGISTRATES_ADULT_COURT_LIST_DAILY and _FUTURE. */
export function magistratesAdultCourtList(input: PageInput, payload: unknown) {
  return adultCourtListPage(input, payload, (section, session, strings) => {
    for (const { time, hearingCase } of casesOf(session)) {
      section.blocks.push(caseBlock(time, hearingCase, strings, input));
    }
  });
}

/** MAGISTRATES_PUBLIC_ADULT_COURT_LIST_DAILY and _FUTURE. */
export function magistratesPublicAdultCourtList(input: PageInput, payload: unknown) {
  return adultCourtListPage(input, payload, (section, session, strings) => {
    const { magistrates, common } = strings;
    const rows = casesOf(session).map(({ time, hearingCase }): Cell[] => [
      { text: time },
      { text: hearingCase.def_name?.trim() ?? '' },
      { text: hearingCase.caseno ?? '' },
    ]);
    if (rows.length === 0) return;
    section.tables.push({
      caption: fill(common.hearingsIn, { place: section.heading }),
      head: [magistrates.listingTime, magistrates.defendant, magistrates.caseNumber],
      rows,
    });
  });
}
