/** The parts every list page shares: title, court name, list date, last updated, and the finishing touches. */
import { formatDate, formatTime, type Language } from '../format.js';
import type { ListTypeDefinition } from '../../../../shared/publications/catalogue/list-types.js';
import { fill, listStrings, type ListStrings } from '../strings.js';
import type { Group, Information, ListPageContext } from './view.js';

export interface PageInput {
  listType: ListTypeDefinition;
  language: Language;
  contentDate: string;
  lastUpdated: string;
  court: { name: string; welshName: string | null } | null;
}

/** The court's name in the page's language (Welsh where published); else the name the payload gives. */
export function courtNameFor(input: PageInput, payloadName: string | undefined): string {
  if (input.court !== null) {
    return input.language === 'cy' && input.court.welshName ? input.court.welshName : input.court.name;
  }
  return payloadName?.trim() || listStrings(input.language).common.court;
}

export function basePage(input: PageInput, payloadCourtName?: string): ListPageContext {
  const strings = listStrings(input.language);
  const listName = input.listType.friendlyName[input.language];
  const courtName = courtNameFor(input, payloadCourtName);
  return {
    title: fill(strings.common.titleFor, { list: listName, court: courtName }),
    listName,
    courtName,
    listDateLine: `${strings.common.listFor} ${formatDate(input.contentDate, input.language)}`,
    lastUpdatedLine: fill(strings.common.lastUpdated, {
      date: formatDate(input.lastUpdated, input.language),
      time: formatTime(input.lastUpdated),
    }),
    versionLine: null,
    lines: [],
    notices: [],
    information: [],
    filters: null,
    groups: [],
    footerParagraphs: [],
    noHearings: null,
    sectionHeadingLevel: 2,
    blockHeadingLevel: 3,
    strings,
    language: input.language,
  };
}

/** Sets heading levels (sections under a court house heading sit one deeper) and the "no hearings" message. */
export function finish(page: ListPageContext): ListPageContext {
  const groupsHaveHeadings = page.groups.some((group) => group.heading !== null);
  page.sectionHeadingLevel = groupsHaveHeadings ? 3 : 2;
  page.blockHeadingLevel = page.sectionHeadingLevel + 1;
  const hasContent = page.groups.some(
    (group) =>
      group.tables.some((table) => table.rows.length > 0) ||
      group.blocks.length > 0 ||
      group.sections.some((section) => section.tables.length > 0 || section.blocks.length > 0),
  );
  page.noHearings = hasContent ? null : page.strings.common.noHearings;
  return page;
}

export function restrictionsInformation(strings: ListStrings): Information {
  const common = strings.common;
  return {
    heading: common.restrictionsHeading,
    paragraphs: [common.restrictionsP1],
    bold: [common.restrictionsBold],
    bullets: [],
    open: false,
  };
}

/** The full restrictions text, as the crime lists show it: paragraphs, then whom to contact. */
export function crimeRestrictions(strings: ListStrings): Information {
  const common = strings.common;
  return {
    heading: common.restrictionsHeading,
    paragraphs: [
      common.restrictionsP1,
      common.restrictionsBold,
      common.restrictionsP2,
      common.restrictionsP3,
      common.restrictionsP4,
    ],
    bold: [],
    bullets: [common.restrictionsBullet1, common.restrictionsBullet2],
    open: false,
  };
}

export function openJusticeInformation(
  strings: ListStrings,
  courtName: string,
  contact: { venueEmail?: string | undefined; venueTelephone?: string | undefined } | undefined,
): Information {
  const common = strings.common;
  const paragraphs = [common.openJustice];
  if (contact?.venueEmail || contact?.venueTelephone) {
    paragraphs.push(
      fill(common.openJusticeContact, {
        court: courtName,
        email: contact.venueEmail ?? '',
        phone: contact.venueTelephone ?? '',
      }),
    );
  }
  paragraphs.push(common.openJusticePrivate);
  return { heading: common.importantInformation, paragraphs, bold: [], bullets: [], open: true };
}

export function group(heading: string | null, lines: string[] = []): Group {
  return { heading, lines, sections: [], tables: [], blocks: [] };
}
