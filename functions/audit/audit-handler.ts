/**
 * GET /api/audit: the audit log for system administrators, filtered and paged. Reading it is itself audited
 * (AUDIT_EXPORT), as is a refused attempt.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import type { Database } from '../../shared/db/database.js';
import { authorize, type RequestVerifier } from '../http-kit/authenticate.js';
import type { ProblemDetail } from '../http-kit/problem.js';
import { filterText, invalidQuery } from '../http-kit/query.js';
import {
  DEFAULT_AUDIT_PAGE,
  decodeAuditCursor,
  MAX_AUDIT_PAGE,
  queryAuditLog,
  type AuditFilter,
} from '../../shared/audit/audit-query.js';
import { logEvent } from '../../shared/logging/log-event.js';

export interface AuditDependencies {
  database: Database;
  verifier: RequestVerifier;
}

export const auditExportAction = 'AUDIT_EXPORT';

/** An ISO 8601 date (midnight UTC) or date-time with a zone. */
function parseInstant(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) return null;
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(time) ? null : new Date(time);
}

type ParsedQuery =
  | { ok: true; filter: AuditFilter; limit: number; afterAuditId: string | null }
  | { ok: false; problems: ProblemDetail[] };

export function parseAuditQuery(query: URLSearchParams): ParsedQuery {
  const problems: ProblemDetail[] = [];
  const filter: AuditFilter = {};
  const single = (name: string): string | undefined => {
    const all = query.getAll(name);
    if (all.length > 1) problems.push({ field: name, problem: `${name} may be given once` });
    const value = all[0]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const action = single('action');
  if (action !== undefined) {
    if (/^[A-Z][A-Z0-9_]{0,63}$/.test(action)) filter.action = action;
    else problems.push({ field: 'action', problem: 'action must be an action code such as SIGN_IN' });
  }
  const userId = single('userId');
  if (userId !== undefined) {
    const checked = filterText.safeParse(userId);
    if (checked.success) filter.userId = checked.data;
    else problems.push({ field: 'userId', problem: `userId ${checked.error.issues[0]?.message ?? 'is invalid'}` });
  }
  for (const name of ['from', 'to'] as const) {
    const value = single(name);
    if (value === undefined) continue;
    const instant = parseInstant(value);
    if (instant === null)
      problems.push({ field: name, problem: `${name} must be an ISO 8601 date or date-time with a time zone` });
    else filter[name] = instant;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.to.getTime() <= filter.from.getTime()) {
    problems.push({ field: 'to', problem: 'to must be after from' });
  }
  let limit = DEFAULT_AUDIT_PAGE;
  const rawLimit = single('limit');
  if (rawLimit !== undefined) {
    limit = /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= MAX_AUDIT_PAGE))
      problems.push({ field: 'limit', problem: `limit must be a whole number from 1 to ${MAX_AUDIT_PAGE}` });
  }
  let afterAuditId: string | null = null;
  const cursor = single('cursor');
  if (cursor !== undefined) {
    afterAuditId = decodeAuditCursor(cursor);
    if (afterAuditId === null) problems.push({ field: 'cursor', problem: 'cursor must be a nextCursor this API gave' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, filter, limit, afterAuditId };
}

function filterDetails(filter: AuditFilter): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter).map(([name, value]) => [name, value instanceof Date ? value.toISOString() : String(value)]),
  );
}

export async function handleGetAudit(
  deps: AuditDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const caller = await authorize(
    request,
    deps.verifier,
    {
      roles: ['SYSTEM_ADMIN'],
      audit: deps.database,
      action: auditExportAction,
      objectType: 'audit_log',
      message: 'Only a system administrator can read the audit log',
    },
    { logger: context, denied: 'AUDIT_EXPORT_DENIED' },
  );
  if (!caller.ok) return caller.response;
  const principal = caller.principal;
  const parsed = parseAuditQuery(new URLSearchParams(request.query));
  if (!parsed.ok) return invalidQuery(parsed.problems);

  const page = await queryAuditLog(deps.database, parsed.filter, {
    limit: parsed.limit,
    afterAuditId: parsed.afterAuditId,
  });
  const details = {
    filter: filterDetails(parsed.filter),
    limit: parsed.limit,
    cursor: parsed.afterAuditId !== null,
    returned: page.items.length,
  };
  await recordAuditEvent(deps.database, {
    action: auditExportAction,
    outcome: 'SUCCESS',
    actor: principal,
    objectType: 'audit_log',
    details,
  });
  logEvent(context, 'info', 'AUDIT_EXPORTED', { userId: principal.userId, ...details });
  return { status: 200, jsonBody: page, headers: { 'cache-control': 'no-store' } };
}
