/**
 * /system-admin/reference-data: court reference data for system admins. Upload a file through the one import
 * (shared/reference-data/court-import.ts: the stored procedure; a refused file's bad rows are listed by line, column
 * and problem, a good one's changes counted), download the stored data in the format the upload accepts (audited as
 * an export), and delete a court under the rules of DELETE /api/locations/{id} (live publications, subscribers and
 * the national Single Justice Procedure location keep it), after a confirmation page. Everything is audited by the
 * shared code it calls; the export here.
 */
import type { FileProblem } from '../../../../shared/reference-data/court-file.js';
import type { Location, LocationDeletion } from '../../../../shared/reference-data/location-queries.js';
import { logEvent } from '../../../../shared/logging/log-event.js';
import { contentDisposition } from '../../../http-kit/content-disposition.js';
import { adminRoute, type AdminPageRequest } from '../../http/admin-guard.js';
import type { Language } from '../../i18n/language.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import type { PageResult, PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);
type Strings = typeof en;

export const REFERENCE_DATA_PATH = '/system-admin/reference-data';
export const referenceDataExportAction = 'REFERENCE_DATA_EXPORT';
/** As manual upload says: a court reference file is about 60 kB, so 2MB is room enough. */
export const maxReferenceFileBytes = 2 * 1024 * 1024;
/** A refused file's problems shown on the page; a file with more is fixed in rounds (the audit keeps the count). */
export const shownProblems = 500;

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

interface PageError {
  field: string;
  text: string;
}

function courtOptions(courts: readonly Location[], language: Language, selected: string) {
  const t = strings[language];
  return [
    { value: '', text: t.chooseCourt, selected: selected === '' },
    ...courts.map((court) => ({
      value: String(court.locationId),
      text: `${language === 'cy' ? (court.welshName ?? court.name) : court.name} (${court.locationId})`,
      selected: selected === String(court.locationId),
    })),
  ];
}

function problemRows(problems: readonly FileProblem[], t: Strings) {
  return problems
    .slice(0, shownProblems)
    .map((p) => ({ line: p.line, column: p.column ?? t.wholeRow, problem: p.problem }));
}

async function mainPage(
  deps: WebDependencies,
  request: AdminPageRequest,
  extra: { errors?: PageError[]; status?: number; context?: Record<string, unknown> } = {},
): Promise<PageResult> {
  const t = strings[request.language];
  const errors = extra.errors ?? [];
  const courts = await deps.referenceData.courts();
  return {
    kind: 'page',
    status: extra.status ?? 200,
    template: 'pages/reference-data/reference-data.njk',
    title: t.title,
    hasError: errors.length > 0,
    context: {
      t,
      errorList: errors.map((error) => ({ text: error.text, href: `#${error.field}` })),
      fieldErrors: Object.fromEntries(errors.map((error) => [error.field, error.text])),
      courtOptions: courtOptions(courts, request.language, request.url.searchParams.get('locationId') ?? ''),
      ...extra.context,
    },
  };
}

async function uploadFile(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  const file = request.files.get('file');
  if (file === undefined || file.bytes.length === 0) {
    return mainPage(deps, request, { status: 400, errors: [{ field: 'file', text: t.errors.fileMissing }] });
  }
  if (file.bytes.length > maxReferenceFileBytes) {
    return mainPage(deps, request, { status: 400, errors: [{ field: 'file', text: t.errors.fileTooLarge }] });
  }
  const result = await deps.referenceData.importFile(
    request.principal,
    { name: file.name, bytes: file.bytes },
    request.logger,
  );
  if (!result.ok) {
    const count = result.problems.length;
    return mainPage(deps, request, {
      status: 400,
      errors: [{ field: 'file', text: count === 1 ? t.errors.fileRefusedOne : fill(t.errors.fileRefused, { count }) }],
      context: {
        problems: problemRows(result.problems, t),
        moreProblems: count > shownProblems ? fill(t.moreProblems, { count: count - shownProblems }) : null,
      },
    });
  }
  const { summary } = result;
  const counts = (
    ['rows', 'added', 'updated', 'unchanged', 'referencesAdded', 'referencesRemoved', 'referencesMoved'] as const
  ).map((key) => ({ key: { text: t.counts[key] }, value: { text: String(summary[key]) } }));
  return mainPage(deps, request, {
    context: {
      imported: { file: fill(t.importedFile, { file: file.name }), counts },
      warnings: problemRows(summary.warnings, t),
    },
  });
}

async function download(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const exported = await deps.referenceData.exportFile();
  const fileName = `reference-data-${deps.now().toISOString().slice(0, 10)}.csv`;
  await deps.audit({
    action: referenceDataExportAction,
    outcome: 'SUCCESS',
    actor: request.principal,
    objectType: 'reference-data-file',
    objectId: fileName,
    details: {
      courts: exported.courts,
      rows: exported.rows,
      courtsWithoutReferences: exported.courtsWithoutReferences,
    },
  });
  logEvent(request.logger, 'info', 'REFERENCE_DATA_EXPORTED', {
    userId: request.principal.userId,
    courts: exported.courts,
    rows: exported.rows,
  });
  const contentType = 'text/csv; charset=utf-8';
  return {
    kind: 'file',
    contentType,
    contentDisposition: contentDisposition(fileName, contentType, { attachment: true }),
    body: new TextEncoder().encode(exported.csv),
  };
}

function courtSummary(court: Location, t: Strings) {
  return [
    [t.courtId, String(court.locationId)],
    [t.courtName, court.name],
    [t.welshName, court.welshName ?? t.none],
    [t.region, court.region.join(', ') || t.none],
    [t.jurisdiction, court.jurisdiction.join(', ') || t.none],
  ].map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}

/** The court the request names (`locationId`, query or form), or null. */
async function namedCourt(deps: WebDependencies, value: string | null): Promise<Location | null> {
  if (value === null || !/^\d{1,9}$/.test(value.trim())) return null;
  const id = Number(value.trim());
  return (await deps.referenceData.courts()).find((court) => court.locationId === id) ?? null;
}

function confirmPage(
  request: AdminPageRequest,
  court: Location,
  refusal: Exclude<LocationDeletion, { deleted: true }> | null,
): PageResult {
  const t = strings[request.language];
  let errorText: string | null = null;
  if (refusal !== null) {
    const count =
      refusal.reason === 'HAS_LIVE_PUBLICATIONS'
        ? refusal.livePublications
        : refusal.reason === 'HAS_SUBSCRIPTIONS'
          ? refusal.subscriptions
          : 0;
    errorText = fill(t.refusals[refusal.reason], { name: court.name, count });
  }
  return {
    kind: 'page',
    status: refusal === null ? 200 : 409,
    template: 'pages/reference-data/delete-court.njk',
    title: t.deleteTitle,
    hasError: refusal !== null,
    context: {
      t,
      heading: fill(t.deleteConfirmHeading, { name: court.name }),
      locationId: court.locationId,
      summary: courtSummary(court, t),
      errorList: errorText === null ? [] : [{ text: errorText, href: '#delete-court' }],
    },
  };
}

async function deleteConfirmation(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  const asked = request.url.searchParams.get('locationId');
  if (asked === null || asked.trim() === '') {
    return mainPage(deps, request, { status: 400, errors: [{ field: 'locationId', text: t.errors.courtMissing }] });
  }
  const court = await namedCourt(deps, asked);
  return court === null ? { kind: 'not-found' } : confirmPage(request, court, null);
}

async function deleteCourt(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  const court = await namedCourt(deps, request.form.get('locationId'));
  if (court === null) return { kind: 'not-found' };
  const outcome = await deps.referenceData.deleteCourt(request.principal, court.locationId);
  const log = { userId: request.principal.userId, locationId: court.locationId };
  if (!outcome.deleted) {
    logEvent(request.logger, 'warn', 'LOCATION_DELETE_REFUSED', { ...log, reason: outcome.reason });
    return confirmPage(request, court, outcome);
  }
  logEvent(request.logger, 'info', 'LOCATION_DELETED', { ...log, name: outcome.location.name });
  return {
    kind: 'page',
    template: 'pages/reference-data/court-deleted.njk',
    title: t.deletedTitle,
    context: { t, body: fill(t.deletedBody, { name: outcome.location.name, id: court.locationId }) },
  };
}

export const referenceDataRoutes: PageRoute[] = [
  adminRoute('system-admin', REFERENCE_DATA_PATH, ['GET'], (deps, request) => mainPage(deps, request)),
  adminRoute('system-admin', `${REFERENCE_DATA_PATH}/upload`, ['POST'], uploadFile),
  adminRoute('system-admin', `${REFERENCE_DATA_PATH}/download`, ['GET'], download),
  adminRoute('system-admin', `${REFERENCE_DATA_PATH}/delete`, ['GET'], deleteConfirmation),
  adminRoute('system-admin', `${REFERENCE_DATA_PATH}/delete`, ['POST'], deleteCourt),
];
