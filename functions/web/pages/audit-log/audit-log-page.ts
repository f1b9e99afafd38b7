/**
 * /system-admin/audit: the audit log for system admins, newest first, filtered by user, action and a date range,
 * paged by keyset (the last entry's id, so a page never repeats or skips entries written while someone pages), and
 * /system-admin/audit/{id}, one entry. Reading either is itself audited (AUDIT_VIEW).
 */
import type { AuditEntry, AuditFilter } from '../../../../shared/audit/audit-query.js';
import { encodeAuditCursor } from '../../../../shared/audit/audit-query.js';
import { adminRoute, type AdminPageRequest } from '../../http/admin-guard.js';
import type { Language } from '../../i18n/language.js';
import { formatDateTime, localeStrings } from '../../i18n/locale-strings.js';
import type { PageResult, PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { parseAuditLogQuery, type AuditLogFormValues } from './audit-log-query.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export const AUDIT_LOG_PAGE_SIZE = 25;
export const auditViewAction = 'AUDIT_VIEW';

/** "30 November 2026 at 10:00:05" in the page's language, in UTC (the page says so). */
export function formatAuditTime(iso: string, language: Language): string {
  return formatDateTime(new Date(iso), language, { timeZone: 'UTC', seconds: true });
}

/** The query of the form's values (what the paging links keep), with a cursor when given. */
function queryOf(values: AuditLogFormValues, cursor: string | null): string {
  const query = new URLSearchParams();
  if (values.user !== '') query.set('user', values.user);
  if (values.action !== '') query.set('action', values.action);
  for (const name of ['from', 'to'] as const) {
    for (const part of ['day', 'month', 'year'] as const) {
      if (values[name][part] !== '') query.set(`${name}-${part}`, values[name][part]);
    }
  }
  if (cursor !== null) query.set('cursor', cursor);
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

function filterDetails(filter: AuditFilter): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter).map(([name, value]) => [name, value instanceof Date ? value.toISOString() : String(value)]),
  );
}

function row(entry: AuditEntry, language: Language) {
  return {
    href: `/system-admin/audit/${entry.auditId}`,
    auditId: entry.auditId,
    occurredAt: formatAuditTime(entry.occurredAt, language),
    action: entry.action,
    outcome: strings[language].outcomes[entry.outcome],
    user: entry.user.email ?? entry.user.userId,
    object: [entry.objectType, entry.objectId].filter((part) => part !== null).join(': '),
  };
}

async function auditLogPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  const query = parseAuditLogQuery(request.url.searchParams);
  const errors = query.errors.map((error) => ({ field: error.field, text: t.errors[error.problem] }));
  const errorOf = (field: string) => errors.find((error) => error.field === field)?.text ?? null;
  const context: Record<string, unknown> = {
    t,
    values: query.values,
    errors,
    errorList: errors.map((error) => ({ text: error.text, href: `#${error.field}` })),
    fieldErrors: {
      user: errorOf('user'),
      action: errorOf('action'),
      from: errorOf('from-day'),
      to: errorOf('to-day'),
    },
    rows: [],
    newestHref: null,
    olderHref: null,
  };
  if (errors.length > 0) {
    return {
      kind: 'page',
      status: 400,
      template: 'pages/audit-log/audit-log.njk',
      title: t.title,
      hasError: true,
      context,
    };
  }

  const page = await deps.auditLog.page(query.filter, {
    limit: AUDIT_LOG_PAGE_SIZE,
    afterAuditId: query.afterAuditId,
  });
  await deps.audit({
    action: auditViewAction,
    outcome: 'SUCCESS',
    actor: request.principal,
    objectType: 'audit_log',
    details: {
      filter: filterDetails(query.filter),
      cursor: query.afterAuditId !== null,
      returned: page.items.length,
    },
  });
  const last = page.items.at(-1);
  return {
    kind: 'page',
    template: 'pages/audit-log/audit-log.njk',
    title: t.title,
    context: {
      ...context,
      rows: page.items.map((entry) => row(entry, request.language)),
      newestHref: query.afterAuditId === null ? null : `/system-admin/audit${queryOf(query.values, null)}`,
      olderHref:
        page.nextCursor === null || last === undefined
          ? null
          : `/system-admin/audit${queryOf(query.values, encodeAuditCursor(last.auditId))}`,
      clearHref: '/system-admin/audit',
    },
  };
}

async function auditEntryPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  const auditId = request.params.auditId ?? '';
  const entry = await deps.auditLog.find(auditId);
  if (entry === null) return { kind: 'not-found' };
  await deps.audit({
    action: auditViewAction,
    outcome: 'SUCCESS',
    actor: request.principal,
    objectType: 'audit_log',
    objectId: entry.auditId,
  });
  const text = (value: string | null) => value ?? t.none;
  return {
    kind: 'page',
    template: 'pages/audit-log/audit-entry.njk',
    title: `${t.entryTitle} ${entry.auditId}`,
    context: {
      t,
      heading: `${t.entryTitle} ${entry.auditId}`,
      rows: [
        [t.occurredAt, formatAuditTime(entry.occurredAt, request.language)],
        [t.action, entry.action],
        [t.outcome, t.outcomes[entry.outcome]],
        [t.userId, text(entry.user.userId)],
        [t.email, text(entry.user.email)],
        [t.provenance, text(entry.user.provenance)],
        [t.roles, entry.user.roles.length > 0 ? entry.user.roles.join(', ') : t.none],
        [t.objectType, text(entry.objectType)],
        [t.objectId, text(entry.objectId)],
      ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
      details: Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details, null, 2) : null,
    },
  };
}

export const auditLogRoutes: PageRoute[] = [
  adminRoute('system-admin', '/system-admin/audit', ['GET'], auditLogPage),
  adminRoute('system-admin', '/system-admin/audit/:auditId', ['GET'], auditEntryPage),
];
