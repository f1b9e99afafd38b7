/**
 * /admin/manual-upload: court staff publish a list from the portal, never asked for a token. The form (a file,
 * the court, list type, hearing dates, who it is available to, language and display dates) → /check ("Check your
 * answers", a Change link per answer, Confirm) → /success. The upload goes through intake exactly as
 * POST /api/publication does (shared/publications/intake: the headers' validation, the payload's acceptance,
 * storeAcceptedPublication), as MANUAL_UPLOAD with the admin as the submitter, so it is validated, stored, audited
 * (PUBLICATION_UPLOAD) and published by the blob trigger like any API upload.
 *
 * Between the form and Confirm, the file and answers are a draft in Blob Storage (shared/publications/intake/
 * upload-drafts.ts: one private blob per session), never in process memory: the next request may reach another
 * instance. The form saves the draft whenever it is given a file (so a form shown again with errors keeps the file),
 * Confirm runs intake again on the draft and stores the publication under the draft's id, so a Confirm sent twice
 * stores it once and is answered with the success page both times; the draft then keeps only that it was published.
 */
import { randomUUID } from 'node:crypto';
import { findListType, listTypes } from '../../../../shared/publications/catalogue/list-types.js';
import { acceptPortalUpload, type PayloadRefusal } from '../../../../shared/publications/intake/accept-payload.js';
import { MAX_PUBLICATION_BYTES } from '../../../../shared/publications/intake/limits.js';
import { validatePublicationHeaders } from '../../../../shared/publications/intake/publication-headers.js';
import type { AcceptedPublication } from '../../../../shared/publications/intake/store-accepted-publication.js';
import type { UploadDraft } from '../../../../shared/publications/intake/upload-drafts.js';
import { logEvent } from '../../../../shared/logging/log-event.js';
import type { Location } from '../../../../shared/reference-data/location-queries.js';
import { courtName, courtNameSuggestions } from '../../data/court-view.js';
import { adminRoute, signInRedirect, type AdminPageRequest } from '../../http/admin-guard.js';
import { courtAdminHref } from '../../http/court-admin-path.js';
import type { Language } from '../../i18n/language.js';
import { formatDate, localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageResult, type PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import {
  answersFrom,
  checkAnswers,
  dateFieldNames,
  dateParts,
  fieldOfHeader,
  languageChoices,
  publicationHeadersFor,
  sensitivityChoices,
  type Answers,
  type CheckedAnswers,
  type CourtResolution,
  type FieldProblem,
} from './manual-upload-answers.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);
type Strings = (typeof strings)['en'];

export const MANUAL_UPLOAD_PATH = courtAdminHref('/manual-upload');
export const CHECK_PATH = `${MANUAL_UPLOAD_PATH}/check`;
export const SUCCESS_PATH = `${MANUAL_UPLOAD_PATH}/success`;
/** Another journey's page (issue 12: remove a list). */
export const REMOVE_LIST_PATH = courtAdminHref('/remove-list');
/** Problems of a refused file listed under it; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 5;

/** One error: the field id it links to, its message, and (the file's) problems listed under the field. */
interface ShownError {
  field: string;
  text: string;
  lines?: string[];
}

interface DraftFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

const listTypeName = (id: string, language: Language): string => {
  const lookup = findListType(id);
  return lookup.kind === 'unknown' ? id : lookup.listType.friendlyName[language];
};

/** "Sheet Hearings, cell B2 (Hearing Time): is required"; a schema's problem: "courtLists[0].courtHouse is required". */
function problemLine(detail: PayloadRefusal['details'][number], t: Strings): string {
  if (detail.sheet !== undefined) {
    const where = [`${t.sheet} ${detail.sheet}`, detail.cell === undefined ? null : `${t.cell} ${detail.cell}`]
      .filter((part) => part !== null)
      .join(', ');
    return `${where}${detail.column === undefined ? '' : ` (${detail.column})`}: ${detail.problem}`;
  }
  return detail.problem.startsWith(detail.field) ? detail.problem : `${detail.field} ${detail.problem}`;
}

type FileErrorKey = keyof Strings['fileErrors'];

/** The file field's message for each refusal code of intake; any other code is `refused`, an Excel one `excel`. */
const fileErrorOfCode: Readonly<Record<string, FileErrorKey>> = {
  PAYLOAD_TOO_LARGE: 'tooLarge',
  EXCEL_TOO_LARGE: 'tooLarge',
  EMPTY_FILE: 'empty',
  UNSUPPORTED_FILE_TYPE: 'fileType',
  LIST_TYPE_FILE_ONLY: 'fileOnly',
  INVALID_JSON: 'json',
  PAYLOAD_TOO_DEEP: 'json',
  INVALID_PAYLOAD: 'schema',
};

/** Messages whose refusals are worth listing problem by problem (the others say all there is). */
const listedFileErrors: ReadonlySet<FileErrorKey> = new Set(['json', 'schema', 'excel', 'refused']);

/** A refused payload as the file field's error: a message by its code, and its first problems. */
function refusalError(refusal: PayloadRefusal, t: Strings): ShownError {
  const key = fileErrorOfCode[refusal.code] ?? (refusal.code.startsWith('EXCEL_') ? 'excel' : 'refused');
  if (!listedFileErrors.has(key)) return { field: 'file', text: t.fileErrors[key] };
  const lines = refusal.details.slice(0, MAX_LISTED_PROBLEMS).map((detail) => problemLine(detail, t));
  const more = refusal.details.length - lines.length + refusal.omitted;
  if (more > 0) lines.push(t.moreProblems.replace('{count}', String(more)));
  return { field: 'file', text: t.fileErrors[key], lines };
}

export type UploadCheck = { ok: true; accepted: AcceptedPublication } | { ok: false; errors: ShownError[] };

/** Intake's own checks on checked answers and a file: the headers the API would be sent, then the payload. */
export async function checkUpload(
  deps: WebDependencies,
  answers: CheckedAnswers,
  file: DraftFile,
  request: AdminPageRequest,
): Promise<UploadCheck> {
  const t = strings[request.language];
  // The id blob-uploaded maps back to this court; without one the list would be published against no court.
  const courtId = await deps.manualUpload.courtIdFor(answers.court.locationId);
  if (courtId === null) return { ok: false, errors: [{ field: 'court', text: t.errors.courtNoReference }] };
  const headers = validatePublicationHeaders(publicationHeadersFor(answers, courtId), request.now);
  if (!headers.ok) {
    return {
      ok: false,
      errors: headers.details.map((detail) => ({
        field: fieldOfHeader[detail.field] ?? 'court',
        text: t.fileErrors.headers,
        lines: [detail.problem],
      })),
    };
  }
  const payload = await acceptPortalUpload(file.bytes, file.name, file.type, headers.metadata);
  if (!payload.ok) return { ok: false, errors: [refusalError(payload.refusal, t)] };
  return {
    ok: true,
    accepted: { principal: request.principal, metadata: headers.metadata, payload, now: request.now },
  };
}

/** The form, as first shown or shown again with its errors. */
function formPage(
  request: AdminPageRequest,
  courts: readonly Location[],
  view: { answers: Answers; errors: ShownError[]; court: CourtResolution | null; keptFile: { name: string } | null },
): PageResult {
  const { language } = request;
  const t = strings[language];
  const errorOf = (field: string) => view.errors.find((error) => error.field === field) ?? null;
  const fileError = errorOf('file');
  const listTypeOptions = listTypes
    .filter((listType) => !listType.deprecated)
    .map((listType) => ({ value: listType.id, text: listType.friendlyName[language] }))
    .sort((a, b) => a.text.localeCompare(b.text, language === 'cy' ? 'cy' : 'en-GB'));
  const courtMatches =
    view.court?.kind === 'choose'
      ? view.court.matches.map((court) => ({ value: String(court.locationId), text: courtName(court, language) }))
      : [];
  return pageWithErrors({
    template: 'pages/manual-upload/manual-upload.njk',
    title: t.title,
    hasError: view.errors.length > 0,
    context: {
      t,
      action: MANUAL_UPLOAD_PATH,
      values: view.answers,
      dates: Object.fromEntries(dateFieldNames.map((name) => [name, dateParts(view.answers, name)])),
      dateFieldNames,
      errorList: view.errors.flatMap((error) => [{ text: error.text, href: `#${error.field}` }]),
      fieldErrors: Object.fromEntries(view.errors.map((error) => [error.field, error.text])),
      fileError: fileError?.text ?? null,
      fileErrorLines: fileError?.lines ?? [],
      headerErrorLines: view.errors.filter((error) => error.field !== 'file').flatMap((error) => error.lines ?? []),
      keptFile: view.keptFile,
      courtSuggestions: courtNameSuggestions(courts, language),
      courtMatches,
      listTypeOptions: [{ value: '', text: t.listTypeChoose }, ...listTypeOptions].map((option) => ({
        ...option,
        selected: option.value === (view.answers.listType ?? ''),
      })),
      sensitivityItems: sensitivityChoices.map((value) => ({
        value,
        text: t.sensitivities[value].text,
        hint: { text: t.sensitivities[value].hint },
        checked: view.answers.sensitivity === value,
      })),
      languageItems: languageChoices.map((value) => ({
        value,
        text: t.languages[value],
        checked: view.answers.language === value,
      })),
    },
  });
}

const fieldErrors = (problems: FieldProblem[], t: Strings): ShownError[] =>
  problems.map((problem) => ({ field: problem.field, text: t.errors[problem.problem] }));

/** The answers a draft keeps: as typed, with a court found named as it is (so the form shows its full name). */
function answersToKeep(answers: Answers, court: CourtResolution): Answers {
  return court.kind === 'found'
    ? { ...answers, court: court.court.name, locationId: String(court.court.locationId) }
    : { ...answers, locationId: '' };
}

async function showForm(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  // "Change" on the check page comes back here with the draft's answers and file kept.
  const draft =
    request.url.searchParams.has('change') && request.sessionId !== null
      ? await deps.manualUpload.drafts.read(request.sessionId, request.principal.userId, request.now)
      : null;
  const courts = await deps.courts.all();
  if (draft?.published === true) {
    return formPage(request, courts, { answers: {}, errors: [], court: null, keptFile: null });
  }
  return formPage(request, courts, {
    answers: draft === null ? {} : { ...draft.answers, locationId: '' },
    errors: [],
    court: null,
    keptFile: draft?.file ? { name: draft.file.name } : null,
  });
}

function refusedLog(request: AdminPageRequest, errors: ShownError[]): void {
  logEvent(request.logger, 'info', 'WEB_MANUAL_UPLOAD_REFUSED', {
    userId: request.principal.userId,
    fields: [...new Set(errors.map((error) => error.field))],
  });
}

async function submitForm(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const sessionId = request.sessionId;
  if (sessionId === null) return signInRedirect(request.url);
  const t = strings[request.language];
  const answers = answersFrom(request.form);
  const kept =
    request.form.get('keepFile') === '1'
      ? await deps.manualUpload.drafts.read(sessionId, request.principal.userId, request.now)
      : null;
  let file: DraftFile | null = kept?.file ?? null;
  const errors: ShownError[] = [];
  const uploaded = request.files.get('file');
  if (uploaded !== undefined) {
    // Over 2 MB is refused before anything is kept (intake would refuse it too, with the same words).
    if (uploaded.bytes.length > MAX_PUBLICATION_BYTES) errors.push({ field: 'file', text: t.fileErrors.tooLarge });
    else file = uploaded;
  }
  const courts = await deps.courts.all();
  const checked = checkAnswers(answers, courts, file !== null || errors.length > 0);
  const court = checked.ok ? ({ kind: 'found', court: checked.answers.court } as const) : checked.court;
  if (!checked.ok) errors.push(...fieldErrors(checked.problems, t));
  let accepted = false;
  if (checked.ok && errors.length === 0 && file !== null) {
    const upload = await checkUpload(deps, checked.answers, file, request);
    if (upload.ok) accepted = true;
    else errors.push(...upload.errors);
  }
  const draft: UploadDraft = {
    id: randomUUID(),
    published: false,
    owner: request.principal.userId,
    savedAt: request.now,
    answers: answersToKeep(answers, court),
    file,
  };
  if (file !== null || accepted) await deps.manualUpload.drafts.save(sessionId, draft);
  if (!accepted) {
    refusedLog(request, errors);
    return formPage(request, courts, {
      answers: court.kind === 'found' ? { ...answers, court: court.court.name } : answers,
      errors,
      court,
      keptFile: file === null ? null : { name: file.name },
    });
  }
  return { kind: 'redirect', location: CHECK_PATH };
}

/** The draft, its answers checked again and the court they name; null when there is nothing to check. */
async function currentDraft(
  deps: WebDependencies,
  request: AdminPageRequest,
): Promise<{ draft: UploadDraft; file: DraftFile; answers: CheckedAnswers } | null> {
  if (request.sessionId === null) return null;
  const draft = await deps.manualUpload.drafts.read(request.sessionId, request.principal.userId, request.now);
  if (draft === null || draft.published || draft.file === null) return null;
  const checked = checkAnswers(draft.answers, await deps.courts.all(), true);
  return checked.ok ? { draft, file: draft.file, answers: checked.answers } : null;
}

function checkPage(
  request: AdminPageRequest,
  current: { file: DraftFile; answers: CheckedAnswers },
  storeFailed: boolean,
): PageResult {
  const { language } = request;
  const t = strings[language];
  const { answers } = current;
  const range = (from: string, to: string) =>
    t.dateRange.replace('{from}', formatDate(from, language)).replace('{to}', formatDate(to, language));
  const row = (label: string, value: string, field: string) => ({
    key: { text: label },
    value: { text: value },
    actions: {
      items: [{ href: `${MANUAL_UPLOAD_PATH}?change=${field}#${field}`, text: t.change, visuallyHiddenText: label }],
    },
  });
  return {
    kind: 'page',
    status: storeFailed ? 503 : 200,
    template: 'pages/manual-upload/manual-upload-check.njk',
    title: t.checkTitle,
    hasError: storeFailed,
    context: {
      t,
      action: CHECK_PATH,
      errorList: storeFailed ? [{ text: t.storeFailed, href: '#confirm' }] : [],
      rows: [
        row(t.rows.file, current.file.name, 'file'),
        row(t.rows.court, courtName(answers.court, language), 'court'),
        row(t.rows.listType, listTypeName(answers.listType, language), 'listType'),
        row(t.rows.hearingDates, range(answers.hearingFrom, answers.hearingTo), 'hearingFrom-day'),
        row(t.rows.sensitivity, t.sensitivities[answers.sensitivity].text, 'sensitivity'),
        row(t.rows.language, t.languages[answers.language], 'language'),
        row(t.rows.displayDates, range(answers.displayFrom, answers.displayTo), 'displayFrom-day'),
      ],
    },
  };
}

async function showCheck(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const current = await currentDraft(deps, request);
  if (current === null) return { kind: 'redirect', location: MANUAL_UPLOAD_PATH };
  return checkPage(request, current, false);
}

async function confirmUpload(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  if (request.sessionId === null) return { kind: 'redirect', location: MANUAL_UPLOAD_PATH };
  const current = await currentDraft(deps, request);
  if (current === null) {
    // Confirm sent again after it published (a double click, a resent form): answered as the first one was.
    const draft = await deps.manualUpload.drafts.read(request.sessionId, request.principal.userId, request.now);
    return { kind: 'redirect', location: draft?.published === true ? SUCCESS_PATH : MANUAL_UPLOAD_PATH };
  }
  // Intake again, as at the form: what is stored is exactly what was checked.
  const upload = await checkUpload(deps, current.answers, current.file, request);
  if (!upload.ok) {
    refusedLog(request, upload.errors);
    return formPage(request, await deps.courts.all(), {
      answers: { ...current.draft.answers, locationId: '' },
      errors: upload.errors,
      court: null,
      keptFile: { name: current.file.name },
    });
  }
  // Under the draft's id: two Confirms of one draft, however close together, store one publication.
  const stored = await deps.manualUpload.store({ ...upload.accepted, submissionId: current.draft.id }, request.logger, {
    via: 'manual upload page',
    fileName: current.file.name,
    locationId: current.answers.court.locationId,
    hearingDates: { from: current.answers.hearingFrom, to: current.answers.hearingTo },
  });
  if (!stored.ok) return checkPage(request, current, true);
  await deps.manualUpload.drafts.save(request.sessionId, { ...current.draft, published: true, file: null });
  return { kind: 'redirect', location: SUCCESS_PATH };
}

function successPage(request: AdminPageRequest): PageResult {
  const t = strings[request.language];
  return {
    kind: 'page',
    template: 'pages/manual-upload/manual-upload-success.njk',
    title: `${t.successTitle}: ${t.successBody}`,
    context: {
      t,
      links: [
        { href: MANUAL_UPLOAD_PATH, text: t.uploadAnother },
        { href: REMOVE_LIST_PATH, text: t.removeFile },
        { href: courtAdminHref(), text: t.home },
      ],
    },
  };
}

export const manualUploadRoutes: PageRoute[] = [
  adminRoute('court-admin', MANUAL_UPLOAD_PATH, ['GET'], showForm),
  adminRoute('court-admin', MANUAL_UPLOAD_PATH, ['POST'], submitForm),
  adminRoute('court-admin', CHECK_PATH, ['GET'], showCheck),
  adminRoute('court-admin', CHECK_PATH, ['POST'], confirmUpload),
  adminRoute('court-admin', SUCCESS_PATH, ['GET'], (_deps, request) => successPage(request)),
];
