/**
 * Hand-written scans for the regular expressions the payload schemas apply to most values (timestamps, dates and
 * times), for the fast path (fast-check.ts): each answers exactly what its regular expression's `test` answers, in
 * one pass over a few characters without entering the regular expression engine. Keyed by the pattern's `source`
 * (flags must be empty); pattern-scans.test.ts holds each scan to `new RegExp(source)` on generated strings.
 */
import { isWhitespace } from './html-check.js';

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const DASH = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const COLON = 0x3a;
const UPPER_T = 0x54;
const UPPER_Z = 0x5a;
const LOWER_A = 0x61;
const LOWER_M = 0x6d;
const LOWER_P = 0x70;

/** True when the character at `index` is an ASCII digit (`\d` without the `u` flag); false past the end (NaN). */
function digitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= DIGIT_0 && code <= DIGIT_9;
}

/** True when the `count` characters from `from` are all ASCII digits. */
function digits(text: string, from: number, count: number): boolean {
  for (let index = from; index < from + count; index++) if (!digitAt(text, index)) return false;
  return true;
}

const at = (text: string, index: number, code: number): boolean => text.charCodeAt(index) === code;

/** Two digits at `index` and `index + 1`. */
const twoDigits = (text: string, index: number): boolean => digitAt(text, index) && digitAt(text, index + 1);

/** `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$` */
function utcTimestamp(text: string): boolean {
  const length = text.length;
  if (length < 20 || length > 30 || !at(text, length - 1, UPPER_Z)) return false;
  if (!(
    twoDigits(text, 0) &&
    twoDigits(text, 2) &&
    at(text, 4, DASH) &&
    twoDigits(text, 5) &&
    at(text, 7, DASH) &&
    twoDigits(text, 8) &&
    at(text, 10, UPPER_T) &&
    twoDigits(text, 11) &&
    at(text, 13, COLON) &&
    twoDigits(text, 14) &&
    at(text, 16, COLON) &&
    twoDigits(text, 17)
  )) {
    return false;
  }
  // `Z` straight after the seconds, or a dot, one to nine digits, then `Z`.
  return length === 20 || (length >= 22 && at(text, 19, DOT) && digits(text, 20, length - 21));
}

/** `^\d{2}\/\d{2}\/\d{4}$` */
const dayMonthYear = (text: string): boolean =>
  text.length === 10 &&
  twoDigits(text, 0) &&
  at(text, 2, SLASH) &&
  twoDigits(text, 3) &&
  at(text, 5, SLASH) &&
  twoDigits(text, 6) &&
  twoDigits(text, 8);

/** `^\d{4}-\d{2}-\d{2}$` */
const yearMonthDay = (text: string): boolean =>
  text.length === 10 &&
  twoDigits(text, 0) &&
  twoDigits(text, 2) &&
  at(text, 4, DASH) &&
  twoDigits(text, 5) &&
  at(text, 7, DASH) &&
  twoDigits(text, 8);

/** `^\d{2}:\d{2}$` */
const hoursMinutes = (text: string): boolean =>
  text.length === 5 && twoDigits(text, 0) && at(text, 2, COLON) && twoDigits(text, 3);

/** `^\d{2}:\d{2}:\d{2}$` */
const hoursMinutesSeconds = (text: string): boolean =>
  text.length === 8 &&
  twoDigits(text, 0) &&
  at(text, 2, COLON) &&
  twoDigits(text, 3) &&
  at(text, 5, COLON) &&
  twoDigits(text, 6);

/**
 * `^\d{1,2}([:.]\d{2})?[ap]m\s*$` (9am, 10:30am). Each step is forced: after the hour comes `:`, `.`, `a` or `p`,
 * none a digit, so the hour is two digits exactly when the second character is one; the minutes are there exactly
 * when `:` or `.` follows (neither can begin `[ap]m`).
 */
function hearingTime(text: string): boolean {
  if (!digitAt(text, 0)) return false;
  let index = digitAt(text, 1) ? 2 : 1;
  const separator = text.charCodeAt(index);
  if (separator === COLON || separator === DOT) {
    if (!twoDigits(text, index + 1)) return false;
    index += 3;
  }
  const meridiem = text.charCodeAt(index);
  if (!((meridiem === LOWER_A || meridiem === LOWER_P) && at(text, index + 1, LOWER_M))) return false;
  for (index += 2; index < text.length; index++) if (!isWhitespace(text.charCodeAt(index))) return false;
  return true;
}

export const patternScans: ReadonlyMap<string, (text: string) => boolean> = new Map([
  [String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$`, utcTimestamp],
  [
    String.raw`^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z)?$`,
    (text: string) => text === '' || utcTimestamp(text),
  ],
  [String.raw`^\d{2}\/\d{2}\/\d{4}$`, dayMonthYear],
  [String.raw`^\d{4}-\d{2}-\d{2}$`, yearMonthDay],
  [String.raw`^\d{2}:\d{2}$`, hoursMinutes],
  [String.raw`^\d{2}:\d{2}:\d{2}$`, hoursMinutesSeconds],
  [String.raw`^\d{1,2}([:.]\d{2})?[ap]m\s*$`, hearingTime],
]);
