/**
 * /system-admin/bulk-media-accounts: a system admin creates verified media accounts for several people from a CSV
 * (`email,firstName,surname`, shared/media-accounts/bulk-media-accounts.ts). Every bad line is shown with its line
 * number in the error summary and nothing is created; a good file is shown for checking, then "Create accounts" makes
 * each (the directory, the user row, the welcome email: MediaAccounts.createAccount) and shows what happened to each.
 * Each creation is audited (BULK_MEDIA_ACCOUNT_CREATE), and so is every refused file.
 */
import { logEvent } from '../../../../shared/logging/log-event.js';
import {
  accountProblems,
  BULK_MEDIA_ACCOUNTS_MAX_BYTES,
  BULK_MEDIA_ACCOUNTS_MAX_ROWS,
  parseBulkMediaAccounts,
  type BulkLineProblem,
} from '../../../../shared/media-accounts/bulk-media-accounts.js';
import { adminRoute, type AdminPageRequest } from '../../http/admin-guard.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageResult, type PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { mediaAccountSetupLink } from '../media-account-setup/media-account-setup-page.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export const bulkMediaAccountAction = 'BULK_MEDIA_ACCOUNT_CREATE';
const base = '/system-admin/bulk-media-accounts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type FileProblem = BulkLineProblem | { line: null; problem: 'MISSING' | 'TOO_LARGE' };

function uploadPage(request: AdminPageRequest, problems: readonly FileProblem[]): PageResult {
  const t = strings[request.language];
  const texts = problems.map((p) =>
    p.line === null
      ? t.problems[p.problem]
      : t.lineError.replace('{line}', String(p.line)).replace('{problem}', t.problems[p.problem]),
  );
  return pageWithErrors({
    template: 'pages/bulk-media-accounts/bulk-media-accounts.njk',
    title: t.title,
    hasError: problems.length > 0,
    context: {
      t,
      errorList: texts.map((text) => ({ text, href: '#file' })),
      fileErrorHtml: texts.length === 0 ? null : texts.map(escapeHtml).join('<br>'),
    },
  });
}

async function upload(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  if (request.method === 'GET') return uploadPage(request, []);
  const file = request.files.get('file');
  const problems: FileProblem[] = [];
  if (file === undefined || file.bytes.length === 0) problems.push({ line: null, problem: 'MISSING' });
  else if (file.bytes.length > BULK_MEDIA_ACCOUNTS_MAX_BYTES) problems.push({ line: null, problem: 'TOO_LARGE' });
  const parsed =
    file === undefined || problems.length > 0 ? null : parseBulkMediaAccounts(Buffer.from(file.bytes).toString('utf8'));
  if (parsed !== null && !parsed.ok) problems.push(...parsed.problems);
  if (parsed === null || !parsed.ok) {
    await deps.audit({
      action: bulkMediaAccountAction,
      outcome: 'FAILURE',
      actor: request.principal,
      objectType: 'media_account',
      details: { file: file?.name ?? null, problems: problems.slice(0, 50) },
    });
    return uploadPage(request, problems);
  }
  const t = strings[request.language];
  return {
    kind: 'page',
    template: 'pages/bulk-media-accounts/check.njk',
    title: t.checkTitle,
    context: { t, accounts: parsed.accounts },
  };
}

async function create(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  const emails = request.form.getAll('email');
  const firstNames = request.form.getAll('firstName');
  const surnames = request.form.getAll('surname');
  const accounts = emails.map((email, index) => ({
    email: email.trim(),
    firstName: (firstNames[index] ?? '').trim(),
    surname: (surnames[index] ?? '').trim(),
  }));
  // What comes back is checked again: the check page's hidden fields are only what the browser sent.
  if (
    accounts.length === 0 ||
    accounts.length > BULK_MEDIA_ACCOUNTS_MAX_ROWS ||
    firstNames.length !== emails.length ||
    surnames.length !== emails.length ||
    accounts.some((account) => accountProblems(account).length > 0)
  ) {
    return { kind: 'redirect', location: base };
  }
  const results: { email: string; result: string }[] = [];
  let created = 0;
  for (const account of accounts) {
    const outcome = await deps.mediaAccounts.createAccount(
      { email: account.email, givenName: account.firstName, familyName: account.surname },
      request.now,
      // The welcome email's link starts the journalist's B2C sign-up: verify the email, create a password.
      { signIn: mediaAccountSetupLink(request.url, deps.signIn.publicSiteUrl) },
    );
    if (outcome.kind === 'created') {
      created += 1;
      results.push({
        email: account.email,
        result: outcome.email.kind === 'sent' ? t.results.created : t.results.createdEmailNotSent,
      });
      if (outcome.email.kind !== 'sent') {
        logEvent(request.logger, 'warn', 'MEDIA_ACCOUNT_EMAIL_FAILED', {
          userId: outcome.userId,
          outcome: outcome.email.kind,
          detail: outcome.email.detail,
        });
      }
    } else {
      results.push({ email: account.email, result: t.results[outcome.reason] });
      if (outcome.reason !== 'ALREADY_EXISTS') {
        logEvent(request.logger, 'error', 'MEDIA_ACCOUNT_DIRECTORY_FAILED', {
          reason: outcome.reason,
          message: outcome.message,
        });
      }
    }
    await deps.audit({
      action: bulkMediaAccountAction,
      outcome: outcome.kind === 'created' ? 'SUCCESS' : 'FAILURE',
      actor: request.principal,
      objectType: 'media_account',
      ...(outcome.kind === 'created' ? { objectId: outcome.userId } : {}),
      details:
        outcome.kind === 'created'
          ? {
              directoryId: outcome.objectId,
              directory: outcome.directory,
              existedInDirectory: outcome.existed,
              email: outcome.email.kind,
            }
          : { reason: outcome.reason },
    });
  }
  return {
    kind: 'page',
    template: 'pages/bulk-media-accounts/done.njk',
    title: t.doneTitle,
    context: {
      t,
      summary: t.doneSummary.replace('{created}', String(created)).replace('{total}', String(accounts.length)),
      results,
    },
  };
}

export const bulkMediaAccountsRoutes: PageRoute[] = [
  adminRoute('system-admin', base, ['GET', 'POST'], upload),
  adminRoute('system-admin', `${base}/create`, ['POST'], create),
];
