/**
 * Every API answer goes out with `X-Content-Type-Options: nosniff`, whatever the handler set: registrations wrap
 * their handlers with `apiHandler`.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

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
  return async (request, context) => withNoSniff(await handler(request, context));
}
