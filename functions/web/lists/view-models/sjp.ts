/**
 * Single Justice Procedure public and press lists: one row (public) or one block (press) per case, with the
 * postcode and prosecutor filters as a plain GET form (works without JavaScript; the selection is read back from
 * the query string).
 */
import { addressLines, formatDate, formatTime, fullName, joinPresent, sortedBy } from '../format.js';
import { fill, type ListStrings } from '../strings.js';
import { basePage, finish, group, type PageInput } from './page.js';
import { asStrategic, type Hearing, type Party, type StrategicPayload } from './strategic.js';
import { type Block, type Cell, type FilterOption, type Filters, type ListPageContext } from './view.js';

export interface SjpFilterSelection {
  postcodes: readonly string[];
  prosecutors: readonly string[];
}

interface SjpCase {
  accused: Party | undefined;
  name: string;
  postcode: string;
  /** The outward part of the postcode ("AA1" of "AA1 1AA"), the filter's unit. */
  postcodeArea: string;
  prosecutor: string;
  hearing: Hearing;
  reference: string;
}

function hearingsOf(data: StrategicPayload): Hearing[] {
  const hearings: Hearing[] = [];
  for (const courtList of data.courtLists ?? []) {
    for (const courtRoom of courtList.courtHouse?.courtRoom ?? []) {
      for (const session of courtRoom.session ?? []) {
        for (const sitting of session.sittings ?? []) {
          for (const hearing of sitting.hearing ?? []) hearings.push(hearing);
        }
      }
    }
  }
  return hearings;
}

function toCase(hearing: Hearing): SjpCase {
  const parties = hearing.party ?? [];
  const accused = parties.find((party) => party.partyRole?.toUpperCase() === 'ACCUSED');
  const prosecutor = parties.find((party) => party.partyRole?.toUpperCase() === 'PROSECUTOR');
  const name = accused
    ? fullName(accused.individualDetails) || (accused.organisationDetails?.organisationName?.trim() ?? '')
    : '';
  const postcode = (
    accused?.individualDetails?.address?.postCode ??
    accused?.organisationDetails?.organisationAddress?.postCode ??
    ''
  ).trim();
  return {
    accused,
    name,
    postcode,
    postcodeArea: (postcode.split(/\s+/)[0] ?? '').toUpperCase(),
    prosecutor: prosecutor?.organisationDetails?.organisationName?.trim() ?? '',
    hearing,
    reference: joinPresent(
      (hearing.case ?? []).map((hearingCase) => hearingCase.caseUrn),
      ', ',
    ),
  };
}

function options(values: Iterable<string>, selected: ReadonlySet<string>): FilterOption[] {
  return sortedBy(
    [...new Set(values)].filter((value) => value !== ''),
    (value) => value,
  ).map((value) => ({
    value,
    text: value,
    checked: selected.has(value),
  }));
}

function filterCases(
  page: ListPageContext,
  cases: SjpCase[],
  selection: SjpFilterSelection,
  strings: ListStrings,
): SjpCase[] {
  const postcodes = new Set(
    selection.postcodes.map((value) => value.trim().toUpperCase()).filter((value) => value !== ''),
  );
  const prosecutors = new Set(selection.prosecutors.map((value) => value.trim()).filter((value) => value !== ''));
  const shown = cases.filter(
    (item) =>
      (postcodes.size === 0 || postcodes.has(item.postcodeArea)) &&
      (prosecutors.size === 0 || prosecutors.has(item.prosecutor)),
  );
  const { sjp } = strings;
  const filters: Filters = {
    heading: sjp.filterHeading,
    postcodeLegend: sjp.postcode,
    prosecutorLegend: sjp.prosecutor,
    postcodes: options(
      cases.map((item) => item.postcodeArea),
      postcodes,
    ),
    prosecutors: options(
      cases.map((item) => item.prosecutor),
      prosecutors,
    ),
    selected: [...postcodes, ...prosecutors],
    selectedHeading: sjp.selectedFilters,
    applyText: sjp.applyFilters,
    clearText: sjp.clearFilters,
    clearHref: page.language === 'cy' ? '?lng=cy' : '?',
    showing: fill(sjp.showingCases, { shown: shown.length, count: cases.length }),
  };
  page.filters = filters;
  return shown;
}

function sjpPage(input: PageInput, payload: unknown, selection: SjpFilterSelection) {
  const data = asStrategic(payload);
  const page = basePage(input);
  // SJP lists are national: the list's name is the heading, with no court to add.
  page.title = page.listName;
  const published = data.document?.publicationDate ?? input.lastUpdated;
  const cases = sortedBy(hearingsOf(data).map(toCase), (item) => item.name);
  page.lines.push(
    fill(page.strings.sjp.listDetail, {
      count: cases.length,
      date: formatDate(published, input.language),
      time: formatTime(published),
    }),
  );
  return { page, data, cases: filterCases(page, cases, selection, page.strings) };
}

export function sjpPublicList(input: PageInput, payload: unknown, selection: SjpFilterSelection) {
  const { page, cases } = sjpPage(input, payload, selection);
  const { sjp } = page.strings;
  const rows: Cell[][] = cases.map((item) => [
    { text: item.name },
    { text: item.postcode },
    {
      text: joinPresent(
        (item.hearing.offence ?? []).map((offence) => offence.offenceTitle),
        ', ',
      ),
    },
    { text: item.prosecutor },
  ]);
  const listGroup = group(null);
  listGroup.tables.push({ caption: page.listName, head: [sjp.name, sjp.postcode, sjp.offence, sjp.prosecutor], rows });
  page.groups.push(listGroup);
  return finish(page);
}

export function sjpPressList(input: PageInput, payload: unknown, selection: SjpFilterSelection) {
  const { page, cases } = sjpPage(input, payload, selection);
  const { sjp, common } = page.strings;
  page.notices.push(sjp.pressIntro);
  const blocks: Block[] = [];
  for (const item of cases) {
    const details = item.accused?.individualDetails;
    const address = addressLines(details?.address ?? item.accused?.organisationDetails?.organisationAddress);
    const facts = [
      {
        key: sjp.dateOfBirth,
        value: joinPresent([details?.dateOfBirth, details?.age === undefined ? '' : `(${sjp.age}: ${details.age})`]),
      },
      { key: sjp.reference, value: item.reference },
      { key: sjp.address, value: address.join(', '), lines: address },
      { key: sjp.prosecutor, value: item.prosecutor },
    ].filter((fact) => fact.value !== '');
    const offences = item.hearing.offence ?? [];
    const block: Block = {
      heading: item.name,
      facts,
      table:
        offences.length === 0
          ? null
          : {
              caption: `${sjp.offence}: ${item.name}`,
              head: [sjp.offence, sjp.reportingRestriction, sjp.offenceDetails],
              rows: offences.map((offence) => [
                { text: offence.offenceTitle ?? '' },
                { text: offence.reportingRestriction === true ? common.yes : common.no },
                { text: offence.offenceWording ?? '' },
              ]),
            },
    };
    blocks.push(block);
  }
  const listGroup = group(null);
  listGroup.blocks = blocks;
  page.groups.push(listGroup);
  return finish(page);
}
