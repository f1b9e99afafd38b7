/**
 * Every API answer goes out with `X-Content-Type-Options: nosniff`, whatever the handler set: registrations wrap
 * their handlers with `apiHandler`.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

export function withNoSniff(response: HttpResponseInit): HttpResponseInit {
  const headers = new Headers(response.headers);
  headers.set('x-content-type-options', 'nosniff');
  return { ...response, headers };
}

export function apiHandler(
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => withNoSniff(await handler(request, context));
}
