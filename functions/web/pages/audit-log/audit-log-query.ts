/**
 * The audit log page's filters, from its GET form: user (id or email), action, and a date range of whole days in UTC
 * (GOV.UK date inputs, `from-day`, `from-month`, `from-year` and the same for `to`), plus the paging cursor. Each
 * problem names the field it belongs to, for the error summary's link.
 */
import { decodeAuditCursor, type AuditFilter } from '../../../../shared/audit/audit-query.js';

export type AuditLogProblem =
  'userTooLong' | 'actionInvalid' | 'fromIncomplete' | 'fromInvalid' | 'toIncomplete' | 'toInvalid' | 'toBeforeFrom';

export interface DateFields {
  day: string;
  month: string;
  year: string;
}

/** What the form shows back: the values as typed. */
export interface AuditLogFormValues {
  user: string;
  action: string;
  from: DateFields;
  to: DateFields;
}

export interface AuditLogQuery {
  values: AuditLogFormValues;
  /** Field id (the error summary's link target) and problem, in the form's order. */
  errors: { field: string; problem: AuditLogProblem }[];
  filter: AuditFilter;
  /** The audit id the page starts after; null for the newest entries (an unknown cursor starts there too). */
  afterAuditId: string | null;
}

function dateFields(query: URLSearchParams, name: 'from' | 'to'): DateFields {
  const value = (part: string) => (query.get(`${name}-${part}`) ?? '').trim();
  return { day: value('day'), month: value('month'), year: value('year') };
}

/** The UTC midnight starting the day, or a problem; null when all three fields are empty. */
function dayStart(fields: DateFields): Date | 'incomplete' | 'invalid' | null {
  const parts = [fields.day, fields.month, fields.year];
  if (parts.every((part) => part === '')) return null;
  if (parts.some((part) => part === '')) return 'incomplete';
  if (!/^\d{1,2}$/.test(fields.day) || !/^\d{1,2}$/.test(fields.month) || !/^\d{4}$/.test(fields.year))
    return 'invalid';
  const [day, month, year] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return 'invalid';
  return date;
}

export function parseAuditLogQuery(query: URLSearchParams): AuditLogQuery {
  const values: AuditLogFormValues = {
    user: (query.get('user') ?? '').trim(),
    action: (query.get('action') ?? '').trim(),
    from: dateFields(query, 'from'),
    to: dateFields(query, 'to'),
  };
  const errors: AuditLogQuery['errors'] = [];
  const filter: AuditFilter = {};

  if (values.user.length > 254) errors.push({ field: 'user', problem: 'userTooLong' });
  else if (values.user !== '') filter.user = values.user;

  const action = values.action.toUpperCase();
  if (action !== '') {
    if (/^[A-Z][A-Z0-9_]{0,63}$/.test(action)) filter.action = action;
    else errors.push({ field: 'action', problem: 'actionInvalid' });
  }

  const from = dayStart(values.from);
  if (from === 'incomplete') errors.push({ field: 'from-day', problem: 'fromIncomplete' });
  else if (from === 'invalid') errors.push({ field: 'from-day', problem: 'fromInvalid' });
  else if (from !== null) filter.from = from;

  const to = dayStart(values.to);
  if (to === 'incomplete') errors.push({ field: 'to-day', problem: 'toIncomplete' });
  else if (to === 'invalid') errors.push({ field: 'to-day', problem: 'toInvalid' });
  else if (to !== null) {
    if (from instanceof Date && to.getTime() < from.getTime())
      errors.push({ field: 'to-day', problem: 'toBeforeFrom' });
    // The whole of the last day: up to the next midnight (exclusive).
    else filter.to = new Date(to.getTime() + 86_400_000);
  }

  const cursor = query.get('cursor');
  const afterAuditId = cursor === null ? null : decodeAuditCursor(cursor);
  return { values, errors, filter, afterAuditId };
}
