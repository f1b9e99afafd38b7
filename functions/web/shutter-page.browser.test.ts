/**
 * The shutter page as Front Door serves it: from the static origin, a storage static website whose 404 document is
 * shutter/index.html (docs/operations.md, Shutter), so any path shows it. It must be GOV.UK-styled from the static
 * origin alone, English and Welsh, and axe-clean (WCAG 2.2 AA).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, rm } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../../test-support/browser.js';
import { copyWebStatic } from '../../test-support/web-static.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
};

let staticRoot: string;
let server: Server;
let origin: string;
let browser: Browser;

/** The static website stand-in: files from $web, and the 404 document for anything else. */
function startStaticWebsite(root: string): Promise<Server> {
  const site = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    void readFile(join(root, path))
      .then((body) => {
        response.writeHead(200, {
          'content-type': types[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream',
        });
        response.end(body);
      })
      .catch(async () => {
        response.writeHead(404, { 'content-type': types['.html'] });
        response.end(await readFile(join(root, 'shutter', 'index.html')));
      });
  });
  return new Promise((resolve) =>
    site.listen(0, '127.0.0.1', () => {
      resolve(site);
    }),
  );
}

beforeAll(async () => {
  staticRoot = await copyWebStatic();
  [server, browser] = await Promise.all([startStaticWebsite(staticRoot), launchChromium()]);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser.close();
  await new Promise((resolve) => server.close(resolve));
  await rm(staticRoot, { recursive: true, force: true });
});

describe('the shutter page', () => {
  it.each(['/shutter/index.html', '/courts/123', '/api/publications?locationId=1'])(
    'shows at %s, styled, in English and Welsh, with no accessibility violations',
    async (path) => {
      const page = await browser.newPage();
      try {
        const failedAssets: string[] = [];
        page.on('requestfailed', (request) => failedAssets.push(request.url()));
        page.on('response', (response) => {
          if (response.request().resourceType() === 'stylesheet' && response.status() !== 200)
            failedAssets.push(response.url());
        });
        await page.goto(`${origin}${path}`, { waitUntil: 'load' });
        expect(await page.locator('h1').textContent()).toBe('Sorry, the service is unavailable');
        expect(await page.locator('[lang="cy"] h2').textContent()).toBe(
          'Mae’n ddrwg gennym, nid yw’r gwasanaeth ar gael',
        );
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        expect(failedAssets).toEqual([]);
        // GOV.UK Frontend's stylesheet applied: its typeface and the header's colours.
        const fontFamily = await page
          .locator('h1')
          .evaluate(
            (element) =>
              (globalThis as unknown as { getComputedStyle(e: unknown): { fontFamily: string } }).getComputedStyle(
                element,
              ).fontFamily,
          );
        expect(fontFamily).toMatch(/GDS Transport/);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );
});
