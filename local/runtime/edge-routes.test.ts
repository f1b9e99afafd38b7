/**
 * The portal origin's route table (bicep/edge-routes.json) as the local runtime applies it: static files only for
 * the paths Front Door sends to the static origin, every other path to the functions, whatever is on disk.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import functions from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../../test-support/test-host.js';
import { copyWebStatic } from '../../test-support/web-static.js';
import { parseEdgeRoutes, readEdgeRoutes, staticRouteTable } from './edge-routes.js';
import type { LocalFunctionsHost } from './local-functions-host.js';

describe('the route table', () => {
  it('matches exact paths, and a trailing /* as everything under that folder, as Front Door does', () => {
    const table = staticRouteTable(['/assets/*', '/app.css']);
    expect(['/assets/a.png', '/assets/fonts/b.woff2', '/assets/', '/app.css'].map((p) => table.isStatic(p))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['/assets', '/assetsx/a', '/app.css/x', '/app.cssx', '/', '/x/assets/a'].some((p) => table.isStatic(p)),
    ).toBe(false);
  });

  it('refuses patterns Front Door refuses, naming them', () => {
    for (const bad of ['assets/*', '/assets*', '/*/x', '/a/*/b', '/a/**', '']) {
      expect(() => staticRouteTable([bad]), bad).toThrow(bad === '' ? /Static route pattern ""/ : bad);
    }
    expect(() => parseEdgeRoutes({ staticPatterns: [] }, 'edge.json')).toThrow(/edge\.json is invalid: staticPatterns/);
    expect(() => parseEdgeRoutes({}, 'edge.json')).toThrow(/staticPatterns/);
  });

  it('rewrites a folder and everything under it, case-sensitively, and nothing else', () => {
    const table = staticRouteTable(['/assets/*'], {}, [{ source: '/admin', destination: '/court-admin' }]);
    expect(
      ['/admin', '/admin/', '/admin/manual-upload', '/admin/remove-list/1/confirm'].map((p) => table.rewrite(p)),
    ).toEqual(['/court-admin', '/court-admin/', '/court-admin/manual-upload', '/court-admin/remove-list/1/confirm']);
    for (const untouched of ['/administration', '/ADMIN/x', '/Admin', '/system-admin', '/x/admin', '/', '/court-admin'])
      expect(table.rewrite(untouched), untouched).toBe(untouched);
  });

  it('refuses rewrites Front Door could not apply as written, naming them', () => {
    const rewrite =
      (source: string, destination = '/to') =>
      () =>
        staticRouteTable(['/assets/*', '/app.css'], {}, [{ source, destination }]);
    for (const bad of ['admin', '/admin/', '/admin/*', '/', '']) expect(rewrite(bad), bad).toThrow(/Rewrite source/);
    expect(rewrite('/admin', '/to/')).toThrow(/Rewrite destination "\/to\/"/);
    // A static path goes to the static origin; the app route's rule set never sees it.
    expect(rewrite('/assets')).toThrow(/"\/assets" is a static path/);
    expect(rewrite('/app.css')).toThrow(/is a static path/);
    expect(() =>
      staticRouteTable([], {}, [
        { source: '/admin', destination: '/a' },
        { source: '/admin/x', destination: '/b' },
      ]),
    ).toThrow(/overlap/);
    expect(() => parseEdgeRoutes({ staticPatterns: ['/a/*'], rewrites: [{ source: '/x' }] }, 'edge.json')).toThrow(
      /edge\.json is invalid: rewrites\.0\.destination/,
    );
  });

  it("is bicep/edge-routes.json's, and every pattern there serves at least one file of web-static/", async () => {
    const table = readEdgeRoutes();
    expect(table.patterns.length).toBeGreaterThan(0);
    const root = await copyWebStatic();
    try {
      const files = (await readdir(root, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => `/${relative(root, join(entry.parentPath, entry.name)).split(sep).join('/')}`);
      for (const pattern of table.patterns) {
        const single = staticRouteTable([pattern]);
        expect(
          files.some((file) => single.isStatic(file)),
          `${pattern} matches no file`,
        ).toBe(true);
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('the local runtime in front of the functions', () => {
  let root: string;
  let host: LocalFunctionsHost;
  let bare: LocalFunctionsHost;
  const called: string[] = [];
  const queries: string[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'edge-routes-'));
    await mkdir(join(root, 'assets', 'fonts'), { recursive: true });
    await writeFile(join(root, 'assets', 'fonts', 'a.woff2'), 'font');
    await writeFile(join(root, 'app.css'), 'body{}');
    // On disk, but not in the route table: Front Door would send it to the Function App.
    await writeFile(join(root, 'page.html'), '<p>static</p>');
    await writeFile(join(root, 'secret.txt'), 'not routed');
    functions.app.http('catchAll', {
      route: '{*path}',
      methods: ['GET', 'HEAD', 'POST'],
      authLevel: 'anonymous',
      handler: (request) => {
        const url = new URL(request.url);
        called.push(url.pathname);
        queries.push(url.search);
        return { status: 200, body: 'function' };
      },
    });
    const routes = staticRouteTable(['/assets/*', '/app.css'], { 'Access-Control-Allow-Origin': '*' }, [
      { source: '/admin', destination: '/court-admin' },
    ]);
    [host, bare] = await Promise.all([
      startTestHost({ staticRoot: root, staticRoutes: routes }),
      startTestHost({ staticRoutes: routes }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([host.stop(), bare.stop()]);
    await rm(root, { recursive: true, force: true });
  });

  it("serves a route-table path from the static root, with the file's type, and HEAD without a body", async () => {
    const font = await fetch(`${host.url}/assets/fonts/a.woff2`);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(font.headers.get('x-content-type-options')).toBe('nosniff');
    // The route table's static response headers, as Front Door's rule set adds them (fonts load only with CORS).
    expect(font.headers.get('access-control-allow-origin')).toBe('*');
    expect(await font.text()).toBe('font');
    const css = await fetch(`${host.url}/app.css`, { method: 'HEAD' });
    expect([css.status, css.headers.get('content-length'), await css.text()]).toEqual([200, '6', '']);
    expect(called).toEqual([]);
  });

  it('sends every other path to the functions, even where a file of that name exists', async () => {
    called.length = 0;
    for (const path of ['/page.html', '/secret.txt', '/assets', '/app.css/x', '/']) {
      const response = await fetch(`${host.url}${path}`);
      expect(await response.text(), path).toBe('function');
    }
    expect(called).toEqual(['/page.html', '/secret.txt', '/assets', '/app.css/x', '/']);
  });

  it("answers a route-table path itself, as the static origin would, never a function's", async () => {
    called.length = 0;
    expect((await fetch(`${host.url}/assets/missing.css`)).status).toBe(404);
    expect((await fetch(`${host.url}/assets/fonts`)).status).toBe(404);
    // Decoding out of the table's folders does not reach files Front Door would not route to the static origin.
    expect((await fetch(`${host.url}/assets/..%2Fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${host.url}/assets/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    const post = await fetch(`${host.url}/app.css`, { method: 'POST', body: 'x' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect(called).toEqual([]);
  });

  it("rewrites the table's folders before the host routes them, query kept, as Front Door's rule set does", async () => {
    called.length = 0;
    queries.length = 0;
    for (const [path, method] of [
      ['/admin', 'GET'],
      ['/admin/manual-upload?returnTo=%2Fx&a=1', 'GET'],
      ['/admin/remove-list/7/confirm', 'POST'],
      ['/court-admin/media-applications', 'GET'],
      ['/administration', 'GET'],
    ] as const) {
      const response = await fetch(`${host.url}${path}`, { method, ...(method === 'POST' ? { body: 'x' } : {}) });
      expect(await response.text(), path).toBe('function');
    }
    expect(called).toEqual([
      '/court-admin',
      '/court-admin/manual-upload',
      '/court-admin/remove-list/7/confirm',
      '/court-admin/media-applications',
      '/administration',
    ]);
    expect(queries[1]).toBe('?returnTo=%2Fx&a=1');
  });

  it("still keeps for the host what the rewrite does not take, and answers the host's admin API first", async () => {
    called.length = 0;
    // Front Door's path condition is case-sensitive: another casing reaches the host at /admin, which keeps it.
    for (const path of ['/ADMIN/manual-upload', '/Admin', '/runtime/webhooks/x']) {
      const response = await fetch(`${host.url}${path}`);
      expect([response.status, await response.text()], path).toEqual([404, '']);
    }
    // The admin API is the function app's own address (operators call it there, not through Front Door).
    expect((await fetch(`${host.url}/admin/functions`)).status).toBe(401);
    // No Front Door in front (no static site): the host keeps /admin, as on Azure.
    const bareAdmin = await fetch(`${bare.url}/admin/manual-upload`);
    expect([bareAdmin.status, await bareAdmin.text()]).toEqual([404, '']);
    expect(called).toEqual([]);
  });

  it('without a static root, sends every path to the functions', async () => {
    called.length = 0;
    expect(await (await fetch(`${bare.url}/assets/fonts/a.woff2`)).text()).toBe('function');
    expect(called).toEqual(['/assets/fonts/a.woff2']);
  });
});
