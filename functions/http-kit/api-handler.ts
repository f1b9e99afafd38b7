/**
 * Every API answer goes out with `X-Content-Type-Options: nosniff`, whatever the handler set: registrations wrap
 * their handlers with `apiHandler`. A handler that throws because the database or storage is away for a moment
 * (shared/errors/transient-error.ts) is answered 503 `SERVICE_UNAVAILABLE` with `Retry-After`, logged as
 * API_DEPENDENCY_UNAVAILABLE, rather than a bare 500 (bench/faults.ts found publishers told 500 while PostgreSQL was
 * away); anything else still throws, for the host to answer 500 and log.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { isTransient } from '../../shared/errors/transient-error.js';
import { logEvent } from '../../shared/logging/log-event.js';
import { problem } from './problem.js';

/** Seconds a caller is asked to wait before trying again while a dependency is away. */
export const RETRY_AFTER_SECONDS = 5;

export function withNoSniff(response: HttpResponseInit): HttpResponseInit {
  const given = response.headers;
  if (given === undefined || Object.getPrototypeOf(given) === Object.prototype) {
    // A plain record (what handlers give): copied as a record, so the answer's Headers are built once, not twice.
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries((given ?? {}) as Record<string, string>)) {
      if (name.toLowerCase() !== 'x-content-type-options') headers[name] = value;
    }
    headers['x-content-type-options'] = 'nosniff';
    return { ...response, headers };
  }
  const headers = new Headers(given);
  headers.set('x-content-type-options', 'nosniff');
  return { ...response, headers };
}

export function apiHandler(
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    try {
      return withNoSniff(await handler(request, context));
    } catch (error) {
      if (!isTransient(error)) throw error;
      logEvent(context, 'warn', 'API_DEPENDENCY_UNAVAILABLE', {
        method: request.method,
        route: new URL(request.url).pathname,
        error: error instanceof Error ? error.message : String(error),
      });
      return problem(
        503,
        'SERVICE_UNAVAILABLE',
        'The service cannot reach its database or storage just now; send the request again shortly',
        [],
        { headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
      );
    }
  };
}
