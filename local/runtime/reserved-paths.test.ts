/**
 * As on Azure, the host keeps `/admin` and `/runtime` for itself: with an empty routePrefix and a catch-all route (the
 * portal's shape), a path under either never reaches the function (azure-functions-host ScriptRouteHandler). These
 * are requests that reach the host itself at /admin: the portal's `/admin/…` pages get there through Front Door's
 * rewrite to `/court-admin/…` (bicep/edge-routes.json, edge-routes.test.ts), which this host, with no static site in
 * front, does not apply.
 */
import { app } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../../test-support/test-host.js';
import type { LocalFunctionsHost } from './local-functions-host.js';

const served: string[] = [];

app.http('catchAll', {
  route: '{*path}',
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  handler: (request) => {
    served.push(new URL(request.url).pathname);
    return { status: 200, body: 'from the function' };
  },
});

let host: LocalFunctionsHost;

beforeAll(async () => {
  host = await startTestHost({ extensions: { http: { routePrefix: '' } }, logger: () => undefined });
});

afterAll(async () => {
  await host.stop();
});

describe('paths the host keeps for itself', () => {
  it.each([
    '/admin',
    '/admin/',
    '/admin/manual-upload',
    '/ADMIN/x',
    '/Admin',
    '/runtime/webhooks/eventgrid',
    '/runtime',
  ])('%s never reaches a function', async (path) => {
    const before = served.length;
    for (const method of ['GET', 'POST']) {
      const response = await fetch(`${host.url}${path}`, { method });
      expect(response.status, method).toBe(404);
      expect(await response.text(), method).toBe('');
    }
    expect(served.length).toBe(before);
  });

  it.each(['/system-admin', '/administration', '/courts/admin', '/runtimes', '/'])(
    '%s reaches the catch-all function',
    async (path) => {
      const response = await fetch(`${host.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('from the function');
      expect(served.at(-1)).toBe(path);
    },
  );
});
