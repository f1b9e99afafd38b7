/**
 * Formatting shared by the list view models: dates and times in Europe/London, durations, names and judiciary, as
 * the live service words them. Formatters are built once: `Intl.DateTimeFormat` construction dominates otherwise.
 */
import type { ListStrings } from './strings.js';

export type Language = 'en' | 'cy';

const zone = 'Europe/London';
const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'long', year: 'numeric' }),
  cy: new Intl.DateTimeFormat('cy-GB', { timeZone: zone, day: 'numeric', month: 'long', year: 'numeric' }),
};
/** Calendar dates (no time of day) are formatted in UTC so that midnight never slips a day. */
const calendarDateFormats: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
  cy: new Intl.DateTimeFormat('cy-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
};
const timeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: zone,
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

function parse(value: string | undefined): Date | null {
  if (value === undefined || value.trim() === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "21 July 2024" / "21 Gorffennaf 2024"; a plain `YYYY-MM-DD` is taken as that calendar day. */
export function formatDate(value: string | undefined, language: Language): string {
  if (value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = parse(`${value}T00:00:00Z`);
    return date === null ? value : calendarDateFormats[language].format(date);
  }
  const date = parse(value);
  return date === null ? (value ?? '') : dateFormats[language].format(date);
}

const timeCache = new Map<string, string>();

/** "10am", "2:30pm" in Europe/London, as the live lists show sitting times. */
export function formatTime(value: string | undefined): string {
  if (value === undefined) return '';
  const cached = timeCache.get(value);
  if (cached !== undefined) return cached;
  const date = parse(value);
  let text = value;
  if (date !== null) {
    let hour = '';
    let minute = '';
    let period = '';
    for (const part of timeParts.formatToParts(date)) {
      if (part.type === 'hour') hour = part.value;
      else if (part.type === 'minute') minute = part.value;
      else if (part.type === 'dayPeriod') period = part.value.toLowerCase().replace(/\./g, '');
    }
    text = minute === '00' ? `${hour}${period}` : `${hour}:${minute}${period}`;
  }
  if (timeCache.size < 10_000) timeCache.set(value, text);
  return text;
}

/** "10:00:00" (a local time of day, as the crown PDDA lists give it) → "10am". */
export function formatLocalTime(value: string | undefined): string {
  const match = value === undefined ? null : /^(\d{2}):(\d{2})/.exec(value);
  if (match === null) return value ?? '';
  const hours = Number(match[1]);
  const minutes = match[2] ?? '00';
  const period = hours >= 12 ? 'pm' : 'am';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return minutes === '00' ? `${hour12}${period}` : `${hour12}:${minutes}${period}`;
}

/** "1 hour 30 mins", "45 mins", "2 hours"; empty when the end is missing or not after the start. */
export function formatDuration(start: string | undefined, end: string | undefined, strings: ListStrings): string {
  const from = parse(start);
  const to = parse(end);
  if (from === null || to === null) return '';
  const totalMinutes = Math.round((to.getTime() - from.getTime()) / 60_000);
  if (totalMinutes <= 0) return '';
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const common = strings.common;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} ${hours === 1 ? common.hour : common.hours}`);
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? common.minute : common.minutes}`);
  return parts.join(' ');
}

/** Joins the non-empty, trimmed values with a separator. */
export function joinPresent(values: readonly (string | undefined | null)[], separator = ' '): string {
  const present: string[] = [];
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed) present.push(trimmed);
  }
  return present.join(separator);
}

export interface IndividualName {
  title?: string | undefined;
  individualForenames?: string | undefined;
  individualMiddleName?: string | undefined;
  individualSurname?: string | undefined;
}

/** "Mr John Smith" (title, forenames, middle name, surname). */
export function fullName(individual: IndividualName | undefined): string {
  if (individual === undefined) return '';
  return joinPresent([
    individual.title,
    individual.individualForenames,
    individual.individualMiddleName,
    individual.individualSurname,
  ]);
}

/** "Smith, John" as the magistrates lists show defendants. */
export function surnameFirst(individual: IndividualName | undefined): string {
  if (individual === undefined) return '';
  const forenames = joinPresent([individual.individualForenames, individual.individualMiddleName]);
  const surname = individual.individualSurname?.trim() ?? '';
  return surname && forenames ? `${surname}, ${forenames}` : surname || forenames;
}

export interface PartyLike {
  partyRole?: string | undefined;
  friendlyRoleName?: string | undefined;
  individualDetails?: IndividualName | undefined;
  organisationDetails?: { organisationName?: string | undefined } | undefined;
}

export function partyName(party: PartyLike): string {
  return fullName(party.individualDetails) || (party.organisationDetails?.organisationName?.trim() ?? '');
}

export interface Judiciary {
  johKnownAs?: string | undefined;
  johTitle?: string | undefined;
  johNameSurname?: string | undefined;
  isPresiding?: boolean | undefined;
}

/** The presiding judge first, then the others, comma-separated. */
export function formatJudiciary(judiciary: readonly Judiciary[] | undefined): string {
  if (judiciary === undefined || judiciary.length === 0) return '';
  const names = (judge: Judiciary) => judge.johKnownAs?.trim() || joinPresent([judge.johTitle, judge.johNameSurname]);
  const presiding = judiciary.filter((judge) => judge.isPresiding === true).map(names);
  const others = judiciary.filter((judge) => judge.isPresiding !== true).map(names);
  return joinPresent([...presiding, ...others], ', ');
}

/** The channel of a sitting, else of its session ("VIDEO HEARING, Teams"). */
export function formatChannel(
  sittingChannel: readonly string[] | undefined,
  sessionChannel: readonly string[] | undefined,
): string {
  const channel = sittingChannel && sittingChannel.length > 0 ? sittingChannel : sessionChannel;
  return channel === undefined ? '' : joinPresent(channel, ', ');
}

export interface AddressLike {
  line?: readonly string[] | undefined;
  town?: string | undefined;
  county?: string | undefined;
  postCode?: string | undefined;
}

export function addressLines(address: AddressLike | undefined): string[] {
  if (address === undefined) return [];
  const lines: string[] = [];
  for (const line of [...(address.line ?? []), address.town, address.county, address.postCode]) {
    const trimmed = line?.trim();
    if (trimmed) lines.push(trimmed);
  }
  return lines;
}

/** Sorts by the text of a key, in the language's collation, without changing the input. */
export function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });
  return [...items].sort((left, right) => collator.compare(key(left), key(right)));
}
