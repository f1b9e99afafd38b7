/**
 * The magistrates adult court lists and the ET fortnightly press list over their real payloads, in English and
 * Welsh: what each shows, how it groups, and what the public list leaves out.
 */
import { describe, expect, it } from 'vitest';
import { listEnvironment } from '../list-environment.js';
import {
  exampleInput,
  listExamples,
  listTypeById,
  readExample,
  type ListExample,
} from '../list-examples.test-support.js';
import { listPageView, type ListRenderInput } from '../render-list.js';
import type { Block, Group, ListPageContext, Table } from './view.js';

const environment = listEnvironment();

function example(file: string): ListExample {
  const found = listExamples.find((candidate) => candidate.file === file);
  if (found === undefined) throw new Error(`no example ${file}`);
  return found;
}

function view(input: ListRenderInput): { context: ListPageContext; text: string; template: string } {
  const rendered = listPageView(input);
  const html = environment.render(rendered.template, rendered.context);
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
  return { context: rendered.context as ListPageContext, text, template: rendered.template };
}

const adult = example('magistratesAdultCourtList.json');
const publicAdult = example('magistratesPublicAdultCourtList.json');
const fortnightly = example('etFortnightlyList.json');

const sectionHeadings = (groups: Group[]) =>
  groups.flatMap((group) => group.sections.map((section) => section.heading));
const blocks = (groups: Group[]): Block[] =>
  groups.flatMap((group) => group.sections.flatMap((section) => section.blocks));

describe('magistrates adult court list', () => {
  it('groups sessions by court house, a section per courtroom session, with the local justice area', () => {
    const { context, template } = view(exampleInput(adult, 'en'));
    expect(template).toBe('magistrates-adult-court-list.njk');
    expect(context.groups.map((group) => group.heading)).toEqual([
      "North Shields Magistrates' Court",
      "North Shields Magistrates' Court - Missing Blocks",
      "North Shields Magistrates' Court - Missing Block",
      "North Shields Magistrates' Court - Missing Cases",
      "North Shields Magistrates' Court - Missing Case",
      "North Shields Magistrates' Court - Missing Offences",
      "North Shields Magistrates' Court - Missing Offence",
    ]);
    expect(context.groups[0]?.lines).toEqual(["Local justice area: North Northumbria Magistrates' Court"]);
    expect(sectionHeadings(context.groups.slice(0, 2))).toEqual([
      'Courtroom 1, session start 9am',
      'Courtroom 2, session start 10am',
      'Courtroom 3, session start 10am',
    ]);
    // A session without cases says so rather than showing an empty section.
    expect(context.groups[1]?.sections[0]?.summary).toBe('No cases are listed for this session.');
    expect(context.groups[0]?.sections[0]?.summary).toBeNull();
  });

  it('details each case: block start, case number, date of birth, age, address, informant and offences', () => {
    const { context } = view(exampleInput(adult, 'en'));
    const [first, second, third, fourth] = blocks(context.groups);
    expect(first?.heading).toBe('Mr Test User');
    expect(first?.facts.map((fact) => [fact.key, fact.value])).toEqual([
      ['Block start', '9am'],
      ['Case number', '1000000000'],
      ['Date of birth', '06/11/1975'],
      ['Age', '50'],
      ['Address', '1 High Street, London, SW1A 1AA'],
      ['Informant', 'POL01'],
    ]);
    expect(first?.table?.head).toEqual(['Offence code', 'Offence title', 'Offence summary']);
    expect(first?.table?.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['TH68001', 'Offence title 1', 'Offence summary 1'],
    ]);
    // Facts the payload does not give are left out, not shown empty.
    expect(second?.facts.map((fact) => fact.key)).toEqual(['Block start', 'Case number']);
    expect(third?.table?.rows).toHaveLength(2);
    expect(fourth?.facts[0]).toEqual({ key: 'Block start', value: '2pm' });
    // A case without offences has no offence table.
    const missingOffences = blocks(context.groups).find((block) => block.heading.endsWith('Missing Offences'));
    expect(missingOffences?.table).toBeNull();
  });

  it('shows the Welsh offence title and wording in Welsh where the payload has them, else the English', () => {
    const { context, text } = view(exampleInput(adult, 'cy'));
    const rows = (table: Table | null | undefined) => table?.rows.map((row) => row.map((cell) => cell.text));
    const [first, second] = blocks(context.groups);
    expect(rows(first?.table)).toEqual([['TH68001', 'Welsh offence title 1', 'Welsh offence summary 1']]);
    expect(rows(second?.table)).toEqual([['TH68002', 'Offence title 2', 'Offence summary 2']]);
    expect(text).toContain('Ystafell llys 1, y sesiwn yn dechrau am 9am');
    expect(text).toContain('Amser Cychwyn y Bloc');
    expect(text).toContain('Cyfyngiadau ar gyhoeddi neu ysgrifennu am yr achosion hyn');
    expect(text).not.toContain('Offence title 1');
  });

  it('is the rendering of both the daily and the future list, and an empty payload has no hearings', () => {
    const future = { ...exampleInput(adult, 'en'), listType: listTypeById('MAGISTRATES_ADULT_COURT_LIST_FUTURE') };
    const { context, template } = view(future);
    expect(template).toBe('magistrates-adult-court-list.njk');
    expect(context.title).toBe('Magistrates Adult Court List - Future for Oxford Combined Court Centre');
    const empty = view({ ...exampleInput(adult, 'cy'), payload: { document: {} } });
    expect(empty.template).toBe('magistrates-adult-court-list.njk');
    expect(empty.context.noHearings).toBe('Nid oes gwrandawiadau yn y rhestr hon.');
  });
});

describe('magistrates public adult court list', () => {
  it('shows the listing time, defendant and case number only, a table per session', () => {
    const { context, text, template } = view(exampleInput(publicAdult, 'en'));
    expect(template).toBe('magistrates-public-adult-court-list.njk');
    const tables = context.groups.flatMap((group) => group.sections.flatMap((section) => section.tables));
    expect(tables.map((table) => table.head)).toEqual([
      ['Listing time', 'Defendant name', 'Case number'],
      ['Listing time', 'Defendant name', 'Case number'],
    ]);
    expect(tables.map((table) => table.rows.map((row) => row.map((cell) => cell.text)))).toEqual([
      [
        ['9am', 'Mr Test User', '1000000000'],
        ['9am', 'Mrs Test User', '1000000001'],
      ],
      [
        ['10am', 'Mr Test User 2', '1000000002'],
        ['2pm', 'Mr Test User 3', '1000000003'],
      ],
    ]);
    expect(text).not.toContain('Date of birth');
    expect(text).not.toContain('Informant');
  });

  it('never shows the standard list’s details, even when a public payload carries them', () => {
    const payload = structuredClone(readExample('magistratesAdultCourtList.json'));
    const { text } = view({ ...exampleInput(publicAdult, 'en'), payload });
    expect(text).toContain('Mr Test User');
    expect(text).not.toContain('06/11/1975');
    expect(text).not.toContain('1 High Street');
    expect(text).not.toContain('Offence title 1');
    expect(text).not.toContain('POL01');
  });

  it('in Welsh', () => {
    const { text } = view(exampleInput(publicAdult, 'cy'));
    expect(text).toContain('Amser rhestru');
    expect(text).toContain("Enw'r Diffynnydd");
    expect(text).toContain('Ardal cyfiawnder lleol: North Northumbria');
  });
});

describe('ET fortnightly press list', () => {
  interface Sitting {
    sittingStart: string;
    sittingEnd: string;
    hearing: { case: { party: { partyRole: string }[] }[] }[];
  }
  interface Payload {
    courtLists: { courtHouse: { courtRoom: { session: { sittings: Sitting[] }[] }[] } }[];
  }

  it('shows each venue with its address and a table per sitting date', () => {
    const { context, template, text } = view(exampleInput(fortnightly, 'en'));
    expect(template).toBe('et-fortnightly-press-list.njk');
    expect(context.groups.map((group) => [group.heading, group.lines])).toEqual([
      ['Leicester Crown Court', ['5 Test Street', 'Leicester', 'SW1H 9AJ']],
      ['Nottingham Justice Centre', ['Test Line 1', 'Nottingham', 'SW1H 9AJ']],
    ]);
    expect(sectionHeadings(context.groups)).toEqual(['Sunday 13 February 2022', 'Sunday 13 February 2022']);
    const table = context.groups[0]?.sections[0]?.tables[0];
    expect(table?.head).toEqual([
      'Start time',
      'Duration',
      'Case reference',
      'Claimant',
      'Respondent',
      'Hearing type',
      'Hearing channel',
    ]);
    expect(table?.rows[0]).toEqual([
      { text: '9:30am' },
      { text: '2 hours' },
      { text: '12341234 [2 of 3]' },
      { text: 'Organisation Name', notes: ['Rep: Mr Test forename 2 Test Surname 2'] },
      { text: 'Capt. Test forename Test Surname', notes: ['Rep: Dr Test forename 2 Test Surname 2'] },
      { text: 'This is a hearing type' },
      { text: 'This is a sitting channel' },
    ]);
    // The second venue's sittings are listed by time within the day.
    expect(context.groups[1]?.sections[0]?.tables[0]?.rows.map((row) => row[0]?.text)).toEqual([
      '9:30am',
      '9:30am',
      '3:30pm',
      '3:30pm',
    ]);
    expect(text).toContain('Regional Venue South, a@b.com, +44 1234 1234 1234');
  });

  it('orders the dates of a fortnight, each in London time, and says when a side has no representative', () => {
    const payload = structuredClone(readExample('etFortnightlyList.json')) as Payload;
    const sittings = payload.courtLists[1]?.courtHouse.courtRoom[0]?.session[1]?.sittings;
    if (sittings?.[0] === undefined) throw new Error('no sitting');
    // 23:30 UTC on 20 June is 00:30 on 21 June in London.
    sittings[0].sittingStart = '2022-06-20T23:30:00Z';
    sittings[0].sittingEnd = '2022-06-21T00:30:00Z';
    const withoutRepresentatives = payload;
    const firstCase =
      withoutRepresentatives.courtLists[0]?.courtHouse.courtRoom[0]?.session[0]?.sittings[0]?.hearing[0]?.case[0];
    if (firstCase === undefined) throw new Error('no case');
    firstCase.party = firstCase.party.filter((party) => !party.partyRole.endsWith('_REPRESENTATIVE'));
    const english = view({ ...exampleInput(fortnightly, 'en'), payload: withoutRepresentatives });
    expect(sectionHeadings(english.context.groups.slice(1))).toEqual([
      'Sunday 13 February 2022',
      'Tuesday 21 June 2022',
    ]);
    expect(english.context.groups[0]?.sections[0]?.tables[0]?.rows[0]?.[3]).toEqual({
      text: 'Organisation Name',
      notes: ['No Representative'],
    });
    const welsh = view({ ...exampleInput(fortnightly, 'cy'), payload: withoutRepresentatives });
    expect(sectionHeadings(welsh.context.groups.slice(1))).toEqual([
      'Dydd Sul 13 Chwefror 2022',
      'Dydd Mawrth 21 Mehefin 2022',
    ]);
    expect(welsh.text).toContain('Dim Cynrychiolydd');
    expect(welsh.text).toContain('Hawlydd');
    expect(welsh.text).toContain('Gwrandawiadau yn Nottingham Justice Centre ar Dydd Mawrth 21 Mehefin 2022');
  });
});
