/**
 * A page loaded through the local runtime gets its CSS, fonts and JavaScript through the production route table
 * (bicep/edge-routes.json, which Front Door uses too): Chromium shows it with GOV.UK styling, and every static
 * request it makes is answered by the static origin.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEdgeRoutes } from '../../local/runtime/edge-routes.js';
import { launchChromium } from '../../test-support/browser.js';
import { startPortal, watchPage, type PortalInBrowser } from './testing/portal-in-browser.js';
import { fakeDependencies } from './testing/web-test-kit.js';

let browser: Browser;
let portal: PortalInBrowser;

beforeAll(async () => {
  [browser, portal] = await Promise.all([launchChromium(), startPortal(fakeDependencies())]);
});

afterAll(async () => {
  await browser.close();
  await portal.stop();
});

describe('a page through the production route table', () => {
  it('has GOV.UK styling: its stylesheet, fonts and script come from the static origin', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors = watchPage(page);
      const loaded: { path: string; status: number; type: string }[] = [];
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.origin === portal.url)
          loaded.push({ path: url.pathname, status: response.status(), type: response.request().resourceType() });
      });
      const response = await page.goto(`${portal.url}/`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      // Evaluated in the page (a string: this project's TypeScript has no DOM types).
      const style = await page.evaluate<Record<string, unknown>>(`(async () => {
        await document.fonts.ready;
        const header = document.querySelector('.govuk-header');
        const container = document.querySelector('.govuk-width-container');
        return {
          headerFont: header ? getComputedStyle(header).fontFamily : null,
          containerMaxWidth: container ? getComputedStyle(container).maxWidth : null,
          gdsTransportLoaded: [...document.fonts].some(
            (face) => face.family.replaceAll('"', '') === 'GDS Transport' && face.status === 'loaded',
          ),
          // GOV.UK Frontend's JavaScript ran (app.mjs imports it): it marks the body as supported.
          frontendSupported: document.body.classList.contains('govuk-frontend-supported'),
        };
      })()`);
      expect(String(style.headerFont)).toMatch(/^"?GDS Transport"?, arial, sans-serif$/);
      expect(style).toEqual({
        headerFont: style.headerFont,
        containerMaxWidth: '960px',
        gdsTransportLoaded: true,
        frontendSupported: true,
      });
      const routes = readEdgeRoutes();
      const statics = loaded.filter((entry) => entry.type !== 'document');
      expect(statics.map((entry) => entry.type)).toEqual(expect.arrayContaining(['stylesheet', 'script', 'font']));
      for (const entry of statics) {
        expect(routes.isStatic(entry.path), `${entry.path} is in the route table`).toBe(true);
        expect(entry.status, entry.path).toBe(200);
      }
      expect(errors.take()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
