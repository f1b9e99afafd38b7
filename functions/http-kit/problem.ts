/**
 * The one error body every API route answers with: `{ code, message, details: [{ field, problem }] }`. `code` is a
 * stable machine-readable code, `message` a sentence for people, and each detail names the field (a header, a query
 * parameter, a JSON path, a form field or a file line) and what is wrong with it.
 */
import type { HttpResponseInit } from '@azure/functions';

export interface ProblemDetail {
  field: string;
  problem: string;
  /** Reference-data files: the file's line (the header is line 1). */
  line?: number;
  /** Reference-data files: the column as the file's header names it, or null for the whole row. */
  column?: string | null;
}

export interface ProblemBody {
  code: string;
  message: string;
  details: ProblemDetail[];
  /** When the problems were too many to list: how many more there are beyond `details`. */
  omittedDetails?: number;
}

export interface ProblemOptions {
  headers?: Record<string, string>;
  omittedDetails?: number;
}

export function problemBody(
  code: string,
  message: string,
  details: readonly ProblemDetail[] = [],
  omittedDetails = 0,
): ProblemBody {
  return omittedDetails > 0
    ? { code, message, details: [...details], omittedDetails }
    : { code, message, details: [...details] };
}

/** An error answer: the problem body as JSON, never cached, never sniffed. */
export function problem(
  status: number,
  code: string,
  message: string,
  details: readonly ProblemDetail[] = [],
  options: ProblemOptions = {},
): HttpResponseInit {
  return {
    status,
    jsonBody: problemBody(code, message, details, options.omittedDetails),
    headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...options.headers },
  };
}
