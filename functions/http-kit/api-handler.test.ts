/**
 * apiHandler: nosniff on every answer; a handler that throws because the database or storage is away for a moment
 * is answered 503 with Retry-After and logged; any other throw reaches the host (its 500), unchanged.
 */
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { apiHandler, RETRY_AFTER_SECONDS } from './api-handler.js';

function contextLogging(logged: unknown[]): InvocationContext {
  return new InvocationContext({
    functionName: 'test',
    logHandler: (_level, ...args) => {
      logged.push(...args);
    },
  });
}

const request = new HttpRequest({ method: 'POST', url: 'http://127.0.0.1/api/publication' });
const throwing = (error: unknown) => (): Promise<HttpResponseInit> =>
  Promise.reject(error instanceof Error ? error : new Error(String(error)));

describe('apiHandler', () => {
  it('adds nosniff to what the handler answers', async () => {
    const answer = await apiHandler(() => Promise.resolve({ status: 204, headers: { 'x-content-type-options': 'x' } }))(
      request,
      contextLogging([]),
    );
    expect(answer.headers).toEqual({ 'x-content-type-options': 'nosniff' });
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a database shutting down', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ['storage answering 503', Object.assign(new Error('Server busy'), { statusCode: 503 })],
  ])('%s: 503 SERVICE_UNAVAILABLE with Retry-After, logged', async (_name, error) => {
    const logged: unknown[] = [];
    const answer = await apiHandler(throwing(error))(request, contextLogging(logged));
    expect(answer.status).toBe(503);
    expect(answer.jsonBody).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(answer.headers).toMatchObject({
      'retry-after': String(RETRY_AFTER_SECONDS),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    expect(logged).toEqual([
      expect.objectContaining({ event: 'API_DEPENDENCY_UNAVAILABLE', method: 'POST', route: '/api/publication' }),
    ]);
  });

  it('any other failure is thrown to the host, as it was', async () => {
    const bug = new TypeError('Cannot read properties of undefined');
    await expect(apiHandler(throwing(bug))(request, contextLogging([]))).rejects.toBe(bug);
    const invalid = Object.assign(new Error('invalid input syntax'), { code: '22P02' });
    await expect(apiHandler(throwing(invalid))(request, contextLogging([]))).rejects.toBe(invalid);
  });
});
