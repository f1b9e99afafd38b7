/**
 * The rendering for list types without a dedicated one, so that nothing published is unreadable: the hearings of a
 * courtLists payload as one table per courtroom, a table for an array of rows, otherwise every value by its path.
 */
import { addressLines, formatChannel, formatJudiciary, formatTime, joinPresent, partyName } from '../format.js';
import { fill } from '../strings.js';
import { tabularList } from './non-strategic.js';
import { basePage, finish, group, type PageInput } from './page.js';
import { asStrategic } from './strategic.js';
import { emptySection, type Cell, type ListPageContext } from './view.js';

/** Enough for any real list; beyond it the page would be unusable anyway. */
const maxFacts = 20_000;

function flatten(value: unknown, path: string, out: Cell[][]): void {
  if (out.length >= maxFacts) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      flatten(item, `${path}[${index + 1}]`, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) flatten(item, path ? `${path}.${key}` : key, out);
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const text = String(value).trim();
    if (text !== '') out.push([{ text: path }, { text }]);
  }
}

function courtListsPage(input: PageInput, payload: unknown): ListPageContext {
  const data = asStrategic(payload);
  const page = basePage(input, data.venue?.venueName);
  const { common } = page.strings;
  page.lines = addressLines(data.venue?.venueAddress);
  page.notices.push(page.strings.generic.notice);
  const head = [
    common.time,
    common.caseReference,
    common.caseName,
    common.hearingType,
    common.hearingChannel,
    page.strings.generic.details,
  ];
  for (const courtList of data.courtLists ?? []) {
    const courtHouse = courtList.courtHouse ?? {};
    const courtGroup = group(
      joinPresent([courtList.courtListName, courtHouse.courtHouseName], ': ') || null,
      addressLines(courtHouse.courtHouseAddress),
    );
    for (const courtRoom of courtHouse.courtRoom ?? []) {
      for (const session of courtRoom.session ?? []) {
        const judiciary = formatJudiciary(session.judiciary);
        const room = courtRoom.courtRoomName?.trim() || common.courtroom;
        const heading = judiciary ? `${room}, ${common.before}: ${judiciary}` : room;
        const section = emptySection(heading);
        const rows: Cell[][] = [];
        for (const sitting of session.sittings ?? []) {
          for (const hearing of sitting.hearing ?? []) {
            const cases = hearing.case && hearing.case.length > 0 ? hearing.case : [{}];
            for (const hearingCase of cases) {
              const parties = (hearingCase.party ?? hearing.party ?? []).map((party) =>
                joinPresent(
                  [party.friendlyRoleName ?? party.partyRole?.replace(/_/g, ' ').toLowerCase(), partyName(party)],
                  ': ',
                ),
              );
              rows.push([
                { text: formatTime(sitting.sittingStart) },
                { text: hearingCase.caseNumber ?? hearingCase.caseUrn ?? '' },
                { text: hearingCase.caseName ?? '' },
                { text: hearing.hearingType ?? '' },
                { text: formatChannel(sitting.channel, session.sessionChannel) },
                { text: parties[0] ?? '', notes: parties.slice(1) },
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

export function genericList(input: PageInput, payload: unknown): ListPageContext {
  if (Array.isArray(payload)) return tabularList(input, payload);
  const data = asStrategic(payload);
  if (Array.isArray(data.courtLists) && data.courtLists.length > 0) return courtListsPage(input, payload);
  const page = basePage(input);
  page.notices.push(page.strings.generic.notice);
  const rows: Cell[][] = [];
  flatten(payload, '', rows);
  const listGroup = group(null);
  listGroup.tables.push({
    caption: page.strings.generic.details,
    head: [page.strings.generic.field, page.strings.generic.value],
    rows,
  });
  page.groups.push(listGroup);
  return finish(page);
}
