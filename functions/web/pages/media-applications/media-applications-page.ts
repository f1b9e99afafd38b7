/**
 * /admin/media-applications: court staff (CTSC admins and system admins, as the live service) check the
 * applications for a verified media account. The list shows those waiting, oldest first; each opens at
 * /admin/media-applications/{id} with the details and the proof of ID (served by its own guarded route,
 * `/proof-of-id`, inline, never cached, each reading audited as access to restricted data). Approve asks "are you
 * sure?"; Reject asks for the reasons (the live service's three), then "are you sure?". The decision is made in
 * shared/media-accounts (account in the directory, user row, email, proof of ID deleted); an approval the directory
 * cannot make fails visibly and changes nothing. Every reading and every decision is audited.
 */
import { hasAnyRole, type Role } from '../../../../shared/auth/principal.js';
import { logEvent } from '../../../../shared/logging/log-event.js';
import type { DecisionResult } from '../../../../shared/media-accounts/media-accounts.js';
import {
  isRejectionReason,
  rejectionReasons,
  type MediaApplication,
  type RejectionReason,
} from '../../../../shared/media-accounts/media-application-store.js';
import { adminPageAccessAction, adminRoute, type AdminPageRequest } from '../../http/admin-guard.js';
import { courtAdminHref } from '../../http/court-admin-path.js';
import type { Language } from '../../i18n/language.js';
import { formatDate, formatDateTime, localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageMethod, type PageResult, type PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { forbiddenPage } from '../forbidden/forbidden-page.js';
import { mediaAccountSetupLink } from '../media-account-setup/media-account-setup-page.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

/** Who checks media applications: the CTSC admins and system admins (the live service's roles for this task). */
export const mediaReviewRoles: readonly Role[] = ['INTERNAL_SUPER_ADMIN_CTSC', 'INTERNAL_ADMIN_CTSC', 'SYSTEM_ADMIN'];

export const mediaApplicationAction = {
  view: 'MEDIA_APPLICATION_VIEW',
  proofOfId: 'MEDIA_PROOF_OF_ID_ACCESS',
  approve: 'MEDIA_APPLICATION_APPROVE',
  reject: 'MEDIA_APPLICATION_REJECT',
} as const;

const base = courtAdminHref('/media-applications');

/** The court-admin guard, then this task's roles: a local admin is refused as the guard refuses anyone else. */
function mediaRoute(
  path: string,
  methods: readonly PageMethod[],
  handle: (deps: WebDependencies, request: AdminPageRequest) => Promise<PageResult>,
): PageRoute {
  return adminRoute('court-admin', path, methods, async (deps, request) => {
    if (hasAnyRole(request.principal, mediaReviewRoles)) return handle(deps, request);
    await deps.audit({
      action: adminPageAccessAction,
      outcome: 'DENIED',
      actor: request.principal,
      objectType: 'page',
      objectId: request.url.pathname,
      details: { method: request.method, area: 'court-admin', task: 'media-applications' },
    });
    logEvent(request.logger, 'warn', 'WEB_ADMIN_PAGE_REFUSED', {
      path: request.url.pathname,
      area: 'court-admin',
      userId: request.principal.userId,
    });
    return { kind: 'page', status: 403, ...forbiddenPage(request.language, 'permission') };
  });
}

function view(application: MediaApplication, language: Language) {
  const t = strings[language];
  const href = `${base}/${application.applicationId}`;
  const present = application.imageDeletedAt === null;
  return {
    href,
    fullName: application.fullName,
    email: application.email,
    employer: application.employer,
    dateApplied: formatDate(application.createdAt.toISOString(), language),
    status: t.statuses[application.status],
    pending: application.status === 'PENDING',
    proofOfIdHref: present ? `${href}/proof-of-id` : null,
    imageSrc: present && application.imageContentType !== 'application/pdf' ? `${href}/proof-of-id` : null,
    decided: application.decidedAt === null ? null : formatDateTime(application.decidedAt, language),
    decidedBy: application.decidedBy === null ? null : (application.decidedBy.email ?? application.decidedBy.userId),
  };
}

function reasonViews(reasons: readonly RejectionReason[], language: Language) {
  return reasons.map((reason) => ({ value: reason, text: strings[language].reasons[reason] }));
}

/** The application named in the path, or the 404 answer. */
async function applicationOf(
  deps: WebDependencies,
  request: AdminPageRequest,
): Promise<{ application: MediaApplication } | { answer: PageResult }> {
  const application = await deps.mediaAccounts.find(request.params.applicationId ?? '');
  return application === null ? { answer: { kind: 'not-found' } } : { application };
}

async function listPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  const pending = await deps.mediaAccounts.listPending();
  await deps.audit({
    action: mediaApplicationAction.view,
    outcome: 'SUCCESS',
    actor: request.principal,
    objectType: 'media_application',
    details: { listed: pending.length },
  });
  return {
    kind: 'page',
    template: 'pages/media-applications/media-applications.njk',
    title: t.title,
    context: { t, rows: pending.map((application) => view(application, request.language)) },
  };
}

async function applicationPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const found = await applicationOf(deps, request);
  if ('answer' in found) return found.answer;
  const t = strings[request.language];
  await deps.audit({
    action: mediaApplicationAction.view,
    outcome: 'SUCCESS',
    actor: request.principal,
    objectType: 'media_application',
    objectId: found.application.applicationId,
  });
  return {
    kind: 'page',
    template: 'pages/media-applications/application.njk',
    title: t.applicationTitle,
    context: {
      t,
      application: view(found.application, request.language),
      notice: request.url.searchParams.get('decided') === '1' ? t.alreadyDecided : null,
    },
  };
}

async function proofOfIdFile(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const found = await applicationOf(deps, request);
  if ('answer' in found) return found.answer;
  const { application } = found;
  const bytes = await deps.mediaAccounts.readProofOfId(application);
  await deps.audit({
    action: mediaApplicationAction.proofOfId,
    outcome: bytes === null ? 'FAILURE' : 'SUCCESS',
    actor: request.principal,
    objectType: 'media_application',
    objectId: application.applicationId,
    details: { restricted: true, contentType: application.imageContentType, ...(bytes === null ? { gone: true } : {}) },
  });
  if (bytes === null) return { kind: 'not-found' };
  const extension = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' }[application.imageContentType];
  return {
    kind: 'file',
    contentType: application.imageContentType,
    body: bytes,
    headers: {
      // Shown, never downloaded by a name the sender chose; never kept in a cache.
      'content-disposition': `inline; filename="proof-of-id-${application.applicationId}.${extension}"`,
      'cache-control': 'no-store, private',
      'cross-origin-resource-policy': 'same-origin',
    },
  };
}

function alreadyDecided(application: MediaApplication): PageResult {
  return { kind: 'redirect', location: `${base}/${application.applicationId}?decided=1` };
}

function confirmPage(
  request: AdminPageRequest,
  application: MediaApplication,
  kind: 'approve' | 'reject',
  reasons: readonly RejectionReason[],
  error: boolean,
): PageResult {
  const t = strings[request.language];
  const heading = kind === 'approve' ? t.approveTitle : t.rejectConfirmTitle;
  const href = `${base}/${application.applicationId}`;
  return pageWithErrors({
    template: 'pages/media-applications/confirm.njk',
    title: heading,
    hasError: error,
    context: {
      t,
      heading,
      hint: kind === 'approve' ? t.approveHint : t.rejectConfirmHint,
      action: kind === 'approve' ? `${href}/approve` : `${href}/reject/confirm`,
      application: view(application, request.language),
      reasons: reasonViews(reasons, request.language),
      confirmError: error ? t.errors.confirmMissing : null,
      errorList: error ? [{ text: t.errors.confirmMissing, href: '#confirm' }] : [],
    },
  });
}

/** The page after a decision: what was done, and what could not be (the email, deleting the proof of ID). */
function decidedPage(request: AdminPageRequest, application: MediaApplication, warnings: string[]): PageResult {
  const t = strings[request.language];
  const approved = application.status === 'APPROVED';
  return {
    kind: 'page',
    template: 'pages/media-applications/decided.njk',
    title: approved ? t.approvedTitle : t.rejectedTitle,
    context: {
      t,
      heading: approved ? t.approvedTitle : t.rejectedTitle,
      text: approved ? t.approvedText : t.rejectedText,
      warnings,
      application: view(application, request.language),
      reasons: reasonViews(application.rejectionReasons, request.language),
    },
  };
}

/** Audits and logs a decision's outcome; answers the page to show. */
async function decisionAnswer(
  deps: WebDependencies,
  request: AdminPageRequest,
  application: MediaApplication,
  kind: 'approve' | 'reject',
  result: DecisionResult,
): Promise<PageResult> {
  const t = strings[request.language];
  const action = kind === 'approve' ? mediaApplicationAction.approve : mediaApplicationAction.reject;
  const audit = (outcome: 'SUCCESS' | 'FAILURE', details: Record<string, unknown>) =>
    deps.audit({
      action,
      outcome,
      actor: request.principal,
      objectType: 'media_application',
      objectId: application.applicationId,
      details,
    });
  if (result.kind === 'not-found') return { kind: 'not-found' };
  if (result.kind === 'not-pending') {
    await audit('FAILURE', { reason: 'ALREADY_DECIDED', status: result.application.status });
    return alreadyDecided(result.application);
  }
  if (result.kind === 'directory-failed') {
    await audit('FAILURE', { reason: result.reason, message: result.message });
    logEvent(request.logger, 'error', 'MEDIA_ACCOUNT_DIRECTORY_FAILED', {
      applicationId: application.applicationId,
      reason: result.reason,
      message: result.message,
    });
    return {
      kind: 'page',
      status: result.reason === 'ALREADY_EXISTS' ? 409 : 503,
      template: 'pages/media-applications/failed.njk',
      title: t.failedTitle,
      context: { t, message: t.failedReasons[result.reason], application: view(application, request.language) },
    };
  }
  const decided = result.application;
  await audit('SUCCESS', {
    reasons: decided.rejectionReasons,
    email: result.email.kind,
    proofOfIdDeleted: result.proofOfIdDeleted,
    ...(result.account === null
      ? {}
      : {
          userId: result.account.userId,
          directoryId: result.account.objectId,
          directory: result.account.directory,
          existedInDirectory: result.account.existed,
        }),
  });
  logEvent(request.logger, 'info', kind === 'approve' ? 'MEDIA_APPLICATION_APPROVED' : 'MEDIA_APPLICATION_REJECTED', {
    applicationId: decided.applicationId,
    userId: request.principal.userId,
  });
  const warnings: string[] = [];
  if (result.email.kind !== 'sent') {
    warnings.push(t.emailNotSent);
    logEvent(request.logger, 'warn', 'MEDIA_ACCOUNT_EMAIL_FAILED', {
      applicationId: decided.applicationId,
      outcome: result.email.kind,
      detail: result.email.detail,
    });
  }
  if (!result.proofOfIdDeleted) {
    warnings.push(t.proofOfIdNotDeleted);
    logEvent(request.logger, 'warn', 'MEDIA_PROOF_OF_ID_DELETE_FAILED', { applicationId: decided.applicationId });
  }
  return decidedPage(request, decided, warnings);
}

async function approvePage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const found = await applicationOf(deps, request);
  if ('answer' in found) return found.answer;
  const { application } = found;
  if (application.status !== 'PENDING') return alreadyDecided(application);
  if (request.method === 'GET') return confirmPage(request, application, 'approve', [], false);
  const confirm = request.form.get('confirm');
  if (confirm === 'no') return { kind: 'redirect', location: `${base}/${application.applicationId}` };
  if (confirm !== 'yes') return confirmPage(request, application, 'approve', [], true);
  const result = await deps.mediaAccounts.approve(
    application.applicationId,
    { userId: request.principal.userId, email: request.principal.email },
    request.now,
    // The welcome email's link starts the journalist's B2C sign-up: verify the email, create a password.
    { signIn: mediaAccountSetupLink(request.url, deps.signIn.publicSiteUrl) },
  );
  return decisionAnswer(deps, request, application, 'approve', result);
}

function chosenReasons(form: URLSearchParams): RejectionReason[] {
  const chosen = new Set(form.getAll('reasons'));
  return rejectionReasons.filter((reason) => chosen.has(reason));
}

async function rejectPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const found = await applicationOf(deps, request);
  if ('answer' in found) return found.answer;
  const { application } = found;
  if (application.status !== 'PENDING') return alreadyDecided(application);
  const t = strings[request.language];
  const reasons = request.method === 'POST' ? chosenReasons(request.form) : [];
  if (request.method === 'POST' && reasons.length > 0)
    return confirmPage(request, application, 'reject', reasons, false);
  const error = request.method === 'POST';
  return pageWithErrors({
    template: 'pages/media-applications/reject-reasons.njk',
    title: t.rejectTitle,
    hasError: error,
    context: {
      t,
      application: view(application, request.language),
      reasonItems: rejectionReasons.map((reason) => ({ value: reason, text: t.reasons[reason] })),
      reasonsError: error ? t.errors.reasonsMissing : null,
      errorList: error ? [{ text: t.errors.reasonsMissing, href: '#reasons' }] : [],
    },
  });
}

async function rejectConfirm(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const found = await applicationOf(deps, request);
  if ('answer' in found) return found.answer;
  const { application } = found;
  if (application.status !== 'PENDING') return alreadyDecided(application);
  const reasons = chosenReasons(request.form);
  // Reasons come back from the confirm page's hidden fields; none (or only unknown ones) means start again.
  if (reasons.length === 0 || !request.form.getAll('reasons').every(isRejectionReason)) {
    return { kind: 'redirect', location: `${base}/${application.applicationId}/reject` };
  }
  const confirm = request.form.get('confirm');
  if (confirm === 'no') return { kind: 'redirect', location: `${base}/${application.applicationId}` };
  if (confirm !== 'yes') return confirmPage(request, application, 'reject', reasons, true);
  const result = await deps.mediaAccounts.reject(
    application.applicationId,
    reasons,
    { userId: request.principal.userId, email: request.principal.email },
    request.now,
    { apply: `${request.url.origin}/create-media-account` },
  );
  return decisionAnswer(deps, request, application, 'reject', result);
}

export const mediaApplicationsRoutes: PageRoute[] = [
  mediaRoute(base, ['GET'], listPage),
  mediaRoute(`${base}/:applicationId`, ['GET'], applicationPage),
  mediaRoute(`${base}/:applicationId/proof-of-id`, ['GET'], proofOfIdFile),
  mediaRoute(`${base}/:applicationId/approve`, ['GET', 'POST'], approvePage),
  mediaRoute(`${base}/:applicationId/reject`, ['GET', 'POST'], rejectPage),
  mediaRoute(`${base}/:applicationId/reject/confirm`, ['POST'], rejectConfirm),
];
