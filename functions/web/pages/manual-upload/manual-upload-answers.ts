/**
 * The manual upload form's answers: read from the POSTed form (or a saved draft), checked field by field, and turned
 * into the headers a publisher would send to POST /api/publication, so that intake's own header validation
 * (shared/publications/intake/publication-headers.ts) judges them exactly as it judges the API's. Each problem names
 * the field id the error summary links to.
 */
import type { Location } from '../../../../shared/reference-data/location-queries.js';
import { findListType } from '../../../../shared/publications/catalogue/list-types.js';
import { MANUAL_UPLOAD_PROVENANCE } from '../../../../shared/publications/intake/publication-headers.js';

export const sensitivityChoices = ['PUBLIC', 'PRIVATE', 'CLASSIFIED'] as const;
export const languageChoices = ['ENGLISH', 'WELSH', 'BI_LINGUAL'] as const;
export const dateFieldNames = ['hearingFrom', 'hearingTo', 'displayFrom', 'displayTo'] as const;
export type DateFieldName = (typeof dateFieldNames)[number];

/** The form's fields as typed: what a draft keeps and the form shows back. */
export const answerFields = [
  'court',
  'locationId',
  'listType',
  ...dateFieldNames.flatMap((name) => [`${name}-day`, `${name}-month`, `${name}-year`]),
  'sensitivity',
  'language',
] as const;

export type Answers = Record<string, string>;

export type AnswerProblem =
  | 'courtMissing'
  | 'courtTooLong'
  | 'courtNotFound'
  | 'courtChoose'
  | 'courtNoReference'
  | 'listTypeMissing'
  | `${DateFieldName}${'Missing' | 'Incomplete' | 'Invalid'}`
  | 'hearingToBeforeFrom'
  | 'displayToBeforeFrom'
  | 'sensitivityMissing'
  | 'languageMissing'
  | 'fileMissing';

export interface FieldProblem {
  /** The id the error summary links to. */
  field: string;
  problem: AnswerProblem;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** No answer is longer (a court name over 200 is refused): a draft's answers are blob metadata, at most 8 KB. */
export const MAX_ANSWER_LENGTH = 300;

/** The answers from a form: only the known fields, trimmed, each at most MAX_ANSWER_LENGTH characters. */
export function answersFrom(form: URLSearchParams): Answers {
  const answers: Answers = {};
  for (const name of answerFields) answers[name] = (form.get(name) ?? '').trim().slice(0, MAX_ANSWER_LENGTH);
  return answers;
}

export function dateParts(answers: Answers, name: DateFieldName): DateParts {
  return {
    day: answers[`${name}-day`] ?? '',
    month: answers[`${name}-month`] ?? '',
    year: answers[`${name}-year`] ?? '',
  };
}

export type DateReading = { ok: true; date: string } | { ok: false; problem: 'Missing' | 'Incomplete' | 'Invalid' };

/** `YYYY-MM-DD`, or what is wrong with it. */
export function isoDate(parts: DateParts): DateReading {
  const values = [parts.day, parts.month, parts.year];
  if (values.every((value) => value === '')) return { ok: false, problem: 'Missing' };
  if (values.some((value) => value === '')) return { ok: false, problem: 'Incomplete' };
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year))
    return { ok: false, problem: 'Invalid' };
  const [day, month, year] = values.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return { ok: false, problem: 'Invalid' };
  return { ok: true, date: date.toISOString().slice(0, 10) };
}

/**
 * The court the answer names. Without JavaScript the court field is a search: a name matching one court exactly
 * (English or Welsh, ignoring case and spaces) is that court; a court chosen from the offered matches (`locationId`)
 * is taken; otherwise every court whose name contains the text is offered to choose from.
 */
export type CourtResolution =
  | { kind: 'found'; court: Location }
  | { kind: 'choose'; matches: Location[] }
  | { kind: 'none' }
  | { kind: 'missing' }
  | { kind: 'tooLong' };

/** At most this many courts are offered to choose from. */
export const MAX_COURT_MATCHES = 20;

const folded = (text: string): string => text.toLocaleLowerCase('en-GB').replace(/\s+/g, ' ').trim();

export function resolveCourt(answers: Answers, courts: readonly Location[]): CourtResolution {
  const chosen = answers.locationId ?? '';
  if (/^\d{1,9}$/.test(chosen)) {
    const court = courts.find((candidate) => candidate.locationId === Number(chosen));
    if (court !== undefined) return { kind: 'found', court };
  }
  const text = folded(answers.court ?? '');
  if (text === '') return { kind: 'missing' };
  if (text.length > 200) return { kind: 'tooLong' };
  const names = (court: Location) => [court.name, court.welshName].filter((name): name is string => !!name).map(folded);
  const exact = courts.filter((court) => names(court).includes(text));
  const [only] = exact;
  if (only !== undefined && exact.length === 1) return { kind: 'found', court: only };
  const matches = (
    exact.length > 1 ? exact : courts.filter((court) => names(court).some((name) => name.includes(text)))
  )
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  if (matches.length === 0) return { kind: 'none' };
  const [single] = matches;
  if (single !== undefined && matches.length === 1) return { kind: 'found', court: single };
  return { kind: 'choose', matches: matches.slice(0, MAX_COURT_MATCHES) };
}

export interface CheckedAnswers {
  court: Location;
  listType: string;
  hearingFrom: string;
  hearingTo: string;
  displayFrom: string;
  displayTo: string;
  sensitivity: (typeof sensitivityChoices)[number];
  language: (typeof languageChoices)[number];
}

export type AnswerCheck =
  { ok: true; answers: CheckedAnswers } | { ok: false; problems: FieldProblem[]; court: CourtResolution };

/** Every field's problem, in the form's order; `hasFile` says whether a file is chosen (or kept from the draft). */
export function checkAnswers(answers: Answers, courts: readonly Location[], hasFile: boolean): AnswerCheck {
  const problems: FieldProblem[] = [];
  if (!hasFile) problems.push({ field: 'file', problem: 'fileMissing' });
  const court = resolveCourt(answers, courts);
  if (court.kind === 'missing') problems.push({ field: 'court', problem: 'courtMissing' });
  else if (court.kind === 'tooLong') problems.push({ field: 'court', problem: 'courtTooLong' });
  else if (court.kind === 'none') problems.push({ field: 'court', problem: 'courtNotFound' });
  else if (court.kind === 'choose') problems.push({ field: 'locationId', problem: 'courtChoose' });

  const listTypeAnswer = answers.listType ?? '';
  const lookup = listTypeAnswer === '' ? null : findListType(listTypeAnswer);
  if (lookup?.kind !== 'found') problems.push({ field: 'listType', problem: 'listTypeMissing' });

  const dates = {} as Record<DateFieldName, string | null>;
  for (const name of dateFieldNames) {
    const reading = isoDate(dateParts(answers, name));
    dates[name] = reading.ok ? reading.date : null;
    if (!reading.ok) problems.push({ field: `${name}-day`, problem: `${name}${reading.problem}` });
  }
  if (dates.hearingFrom !== null && dates.hearingTo !== null && dates.hearingTo < dates.hearingFrom)
    problems.push({ field: 'hearingTo-day', problem: 'hearingToBeforeFrom' });
  if (dates.displayFrom !== null && dates.displayTo !== null && dates.displayTo < dates.displayFrom)
    problems.push({ field: 'displayTo-day', problem: 'displayToBeforeFrom' });

  const sensitivity = sensitivityChoices.find((choice) => choice === answers.sensitivity);
  if (sensitivity === undefined) problems.push({ field: 'sensitivity', problem: 'sensitivityMissing' });
  const language = languageChoices.find((choice) => choice === answers.language);
  if (language === undefined) problems.push({ field: 'language', problem: 'languageMissing' });

  if (
    problems.length > 0 ||
    court.kind !== 'found' ||
    lookup?.kind !== 'found' ||
    sensitivity === undefined ||
    language === undefined ||
    dates.hearingFrom === null ||
    dates.hearingTo === null ||
    dates.displayFrom === null ||
    dates.displayTo === null
  ) {
    return { ok: false, problems, court };
  }
  return {
    ok: true,
    answers: {
      court: court.court,
      listType: lookup.listType.id,
      hearingFrom: dates.hearingFrom,
      hearingTo: dates.hearingTo,
      displayFrom: dates.displayFrom,
      displayTo: dates.displayTo,
      sensitivity,
      language,
    },
  };
}

/**
 * The headers POST /api/publication would be sent for these answers (as the live portal sends them): court staff's
 * provenance, a list, the court's MANUAL_UPLOAD id (`courtId`, which maps back to it), the first hearing day as the content date, and the display window from the start
 * of its first day to the end of its last (UK court times, as the API takes them).
 */
export function publicationHeadersFor(answers: CheckedAnswers, courtId: string): Headers {
  return new Headers({
    'x-provenance': MANUAL_UPLOAD_PROVENANCE,
    'x-type': 'LIST',
    'x-list-type': answers.listType,
    'x-court-id': courtId,
    'x-content-date': `${answers.hearingFrom}T00:00:00`,
    'x-sensitivity': answers.sensitivity,
    'x-language': answers.language,
    'x-display-from': `${answers.displayFrom}T00:00:00`,
    'x-display-to': `${answers.displayTo}T23:59:59`,
  });
}

/** The form field a header's problem belongs to (the error summary links there). */
export const fieldOfHeader: Readonly<Record<string, string>> = {
  'x-list-type': 'listType',
  'x-court-id': 'court',
  'x-content-date': 'hearingFrom-day',
  'x-sensitivity': 'sensitivity',
  'x-language': 'language',
  'x-display-from': 'displayFrom-day',
  'x-display-to': 'displayTo-day',
};
