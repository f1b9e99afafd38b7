/**
 * The Employment Tribunals fortnightly press list, as the live portal shows it: each tribunal venue with its
 * address, then a table per sitting date (in date order, dates in Europe/London), each hearing with its start time,
 * duration, case number, claimant and respondent with their representatives, hearing type and platform.
 */
import { addressLines, formatChannel, joinPresent, type Language } from '../format.js';
import { fill } from '../strings.js';
import { basePage, finish, group, type PageInput } from './page.js';
import { asStrategic } from './strategic.js';
import { etCaseCells, etCaseHead, etPressInformation } from './tribunals.js';
import { emptySection, type Cell } from './view.js';

const zone = 'Europe/London';
/** "2022-02-13": the calendar day of a timestamp in London, to group and order by. */
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
const dayHeadings: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }),
  cy: new Intl.DateTimeFormat('cy-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }),
};

/** "Sunday 13 February 2022" / "Dydd Sul 13 Chwefror 2022" (Intl puts a comma after the weekday; the live list does not). */
function dayHeading(date: Date, language: Language): string {
  return dayHeadings[language].format(date).replace(',', '');
}

interface Row {
  start: number;
  cells: Cell[];
}

export function etFortnightlyPressList(input: PageInput, payload: unknown) {
  const data = asStrategic(payload);
  const page = basePage(input, data.venue?.venueName);
  const { common, et } = page.strings;
  const contact = data.venue?.venueContact;
  page.information.push(
    etPressInformation(
      page.strings,
      joinPresent([data.venue?.venueName, contact?.venueEmail, contact?.venueTelephone], ', '),
    ),
  );
  const head = [...etCaseHead(page.strings), common.hearingType, common.hearingChannel];
  for (const courtList of data.courtLists ?? []) {
    const courtHouse = courtList.courtHouse ?? {};
    const name = courtHouse.courtHouseName?.trim() ?? '';
    const courtGroup = group(name || null, addressLines(courtHouse.courtHouseAddress));
    const days = new Map<string, { heading: string; rows: Row[] }>();
    for (const courtRoom of courtHouse.courtRoom ?? []) {
      for (const session of courtRoom.session ?? []) {
        for (const sitting of session.sittings ?? []) {
          const start = new Date(sitting.sittingStart ?? '');
          const valid = !Number.isNaN(start.getTime());
          const key = valid ? dayKey.format(start) : '';
          let day = days.get(key);
          if (day === undefined) {
            day = { heading: valid ? dayHeading(start, input.language) : page.listDateLine, rows: [] };
            days.set(key, day);
          }
          for (const hearing of sitting.hearing ?? []) {
            for (const hearingCase of hearing.case ?? []) {
              day.rows.push({
                start: valid ? start.getTime() : 0,
                cells: [
                  ...etCaseCells(page.strings, sitting, hearing, hearingCase),
                  { text: hearing.hearingType ?? '' },
                  { text: formatChannel(sitting.channel, session.sessionChannel) },
                ],
              });
            }
          }
        }
      }
    }
    for (const key of [...days.keys()].sort()) {
      const day = days.get(key);
      if (day === undefined || day.rows.length === 0) continue;
      const section = emptySection(day.heading);
      // A stable sort: hearings at the same time keep the payload's order.
      const rows = [...day.rows].sort((left, right) => left.start - right.start).map((row) => row.cells);
      section.tables.push({
        caption: fill(et.hearingsOn, { court: name, date: day.heading }),
        head,
        rows,
      });
      courtGroup.sections.push(section);
    }
    page.groups.push(courtGroup);
  }
  return finish(page);
}
