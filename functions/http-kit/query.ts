/**
 * Query and path parameters: the zod pieces every API route validates them with, so an id that does not fit its
 * column, or a filter carrying NUL or another control character, is a 400 naming the parameter and never reaches
 * the database (where it would be a 500).
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { problem, type ProblemDetail } from './problem.js';

/** The largest PostgreSQL `integer`, the type of every numeric id we store. */
export const MAX_INTEGER_ID = 2_147_483_647;

// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f]/;

/** A numeric id as sent in a query or path: digits only, and within PostgreSQL's integer range. */
export const idParameter = z
  .string()
  .trim()
  .regex(/^\d{1,10}$/, 'must be a whole number (digits)')
  .refine((value) => Number(value) <= MAX_INTEGER_ID, `must be at most ${MAX_INTEGER_ID}`);

/** A free-text filter value: at most 256 characters, no NUL or other control characters. */
export const filterText = z
  .string()
  .max(256, 'must be at most 256 characters')
  .refine((value) => !controlCharacter.test(value), 'must not contain NUL or other control characters');

/** The parameter a zod issue is about, and what is wrong with it. */
export function queryProblems(error: z.ZodError): ProblemDetail[] {
  return error.issues.map((issue) => ({
    field: typeof issue.path[0] === 'string' ? issue.path[0] : 'query',
    problem: issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
  }));
}

/** The 400 every route answers for invalid query parameters. */
export function invalidQuery(details: readonly ProblemDetail[]): HttpResponseInit {
  const names = [...new Set(details.map((d) => d.field))].join(', ');
  return problem(400, 'INVALID_QUERY', `The query parameter ${names} is missing or invalid`, details);
}

/** Every value of each named parameter (repeated, or comma-separated when `split` is set), trimmed, empty ones dropped. */
export function listParameter(request: Pick<HttpRequest, 'query'>, name: string): string[] {
  return request.query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

export type ParsedQuery<T> = { ok: true; data: T } | { ok: false; response: HttpResponseInit };

export function parseQuery<T extends z.ZodType>(schema: T, values: unknown): ParsedQuery<z.output<T>> {
  const parsed = schema.safeParse(values);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, response: invalidQuery(queryProblems(parsed.error)) };
}
