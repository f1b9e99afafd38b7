/**
 * Bulk creation of verified media accounts from a CSV (system admins): the live service's template, a header line
 * `email,firstName,surname` and one account a line. Every problem is reported with its line number, and nothing is
 * created unless every line is good.
 */
import { parse } from 'csv-parse/sync';

export const BULK_MEDIA_ACCOUNTS_MAX_ROWS = 50;
export const BULK_MEDIA_ACCOUNTS_MAX_BYTES = 64 * 1024;
export const bulkMediaAccountsHeader = ['email', 'firstName', 'surname'] as const;

export interface BulkMediaAccount {
  /** The line of the file it came from (1 is the header). */
  line: number;
  email: string;
  firstName: string;
  surname: string;
}

export type BulkProblem =
  'EMPTY' | 'NOT_CSV' | 'HEADER' | 'TOO_MANY' | 'COLUMNS' | 'EMAIL' | 'FIRST_NAME' | 'SURNAME' | 'DUPLICATE_EMAIL';

export interface BulkLineProblem {
  line: number;
  problem: BulkProblem;
}

export type BulkParseResult = { ok: true; accounts: BulkMediaAccount[] } | { ok: false; problems: BulkLineProblem[] };

const emailPattern = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const MAX_NAME = 200;

/** One account's problems (also what the confirm step checks again on the fields it posts back). */
export function accountProblems(account: Omit<BulkMediaAccount, 'line'>): BulkProblem[] {
  const problems: BulkProblem[] = [];
  if (account.email.length > 254 || !emailPattern.test(account.email)) problems.push('EMAIL');
  if (account.firstName === '' || account.firstName.length > MAX_NAME) problems.push('FIRST_NAME');
  if (account.surname === '' || account.surname.length > MAX_NAME) problems.push('SURNAME');
  return problems;
}

export function parseBulkMediaAccounts(text: string): BulkParseResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (error) {
    const { lines } = error as { lines?: number };
    return { ok: false, problems: [{ line: lines ?? 1, problem: 'NOT_CSV' }] };
  }
  const [header, ...rows] = records;
  if (header === undefined) return { ok: false, problems: [{ line: 1, problem: 'EMPTY' }] };
  const names = header.record.map((cell) => cell.trim());
  if (names.length !== bulkMediaAccountsHeader.length || bulkMediaAccountsHeader.some((name, i) => names[i] !== name)) {
    return { ok: false, problems: [{ line: header.info.lines, problem: 'HEADER' }] };
  }
  if (rows.length === 0) return { ok: false, problems: [{ line: header.info.lines, problem: 'EMPTY' }] };
  if (rows.length > BULK_MEDIA_ACCOUNTS_MAX_ROWS) return { ok: false, problems: [{ line: 1, problem: 'TOO_MANY' }] };
  const problems: BulkLineProblem[] = [];
  const accounts: BulkMediaAccount[] = [];
  const seen = new Set<string>();
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length !== bulkMediaAccountsHeader.length) {
      problems.push({ line, problem: 'COLUMNS' });
      continue;
    }
    const [email = '', firstName = '', surname = ''] = record.map((cell) => cell.trim());
    const account = { line, email, firstName, surname };
    for (const problem of accountProblems(account)) problems.push({ line, problem });
    if (seen.has(email.toLowerCase())) problems.push({ line, problem: 'DUPLICATE_EMAIL' });
    seen.add(email.toLowerCase());
    accounts.push(account);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, accounts };
}
