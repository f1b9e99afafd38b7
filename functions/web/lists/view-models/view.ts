/**
 * The view model every list template receives. Builders do the data work (formatting, grouping, joining); the
 * templates only lay it out. Every value here is plain text: templates print it with autoescape on.
 */
import type { ListStrings } from '../strings.js';

export interface Cell {
  text: string;
  /** Extra lines under the text (representatives, reporting restrictions, ...). */
  notes?: string[];
}

export interface Table {
  /** Read by screen readers; visually hidden. */
  caption: string;
  head: string[];
  rows: Cell[][];
}

export interface Fact {
  key: string;
  value: string;
  /** Multi-line values (addresses). */
  lines?: string[];
}

/** One case or defendant laid out as facts and, optionally, a table (offences). */
export interface Block {
  heading: string;
  facts: Fact[];
  table: Table | null;
}

/** A courtroom (or other group) shown as one accordion section. */
export interface Section {
  heading: string;
  summary: string | null;
  tables: Table[];
  blocks: Block[];
}

/** A court house (or sitting date) holding sections. */
export interface Group {
  heading: string | null;
  lines: string[];
  sections: Section[];
  /** A table shown without an accordion (lists that are one table). */
  tables: Table[];
  /** Blocks shown without an accordion (the SJP press list). */
  blocks: Block[];
}

export interface Information {
  heading: string;
  paragraphs: string[];
  bold: string[];
  bullets: string[];
  /** Shown open (the live service opens important information on civil and family lists). */
  open: boolean;
}

export interface FilterOption {
  value: string;
  text: string;
  checked: boolean;
}

export interface Filters {
  heading: string;
  postcodeLegend: string;
  prosecutorLegend: string;
  postcodes: FilterOption[];
  prosecutors: FilterOption[];
  selected: string[];
  selectedHeading: string;
  applyText: string;
  clearText: string;
  clearHref: string;
  showing: string;
}

export interface ListPageContext extends Record<string, unknown> {
  /** For the page's h1 and <title>: the list's friendly name for the court. */
  title: string;
  listName: string;
  courtName: string;
  listDateLine: string;
  lastUpdatedLine: string;
  versionLine: string | null;
  lines: string[];
  notices: string[];
  information: Information[];
  filters: Filters | null;
  groups: Group[];
  footerParagraphs: string[];
  noHearings: string | null;
  /** Heading level of the accordion sections, and of blocks inside them (one deeper). */
  sectionHeadingLevel: number;
  blockHeadingLevel: number;
  strings: ListStrings;
  language: 'en' | 'cy';
}

export function emptySection(heading: string, summary: string | null = null): Section {
  return { heading, summary, tables: [], blocks: [] };
}
