/**
 * The Chromium that TEST_CHROMIUM chooses (test-support/browser.ts) outlives its contexts: three contexts, one after
 * another, each load a page from a tiny loopback server and close. With @sparticuz/chromium's `--single-process` the
 * browser died when the first context closed and every later browser test failed; this keeps it from coming back.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledChromiumArgs, chosenChromium, chromiumChoice, launchChromium } from './browser.js';

let server: Server;
let baseUrl: string;
let browser: Browser | undefined;

beforeAll(async () => {
  server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><title>Page ${request.url ?? ''}</title><h1>Hello</h1></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('the test Chromium', () => {
  it(`(${chosenChromium()}) creates, uses and closes three contexts one after another`, async () => {
    browser = await launchChromium();
    for (const n of [1, 2, 3]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const response = await page.goto(`${baseUrl}/${n}`);
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe(`Page /${n}`);
      expect(await page.textContent('h1')).toBe('Hello');
      await context.close();
      expect(browser.isConnected()).toBe(true);
    }
  }, 60_000);

  it('launches @sparticuz/chromium without --single-process and keeps its other flags', () => {
    const args = ['--no-pings', '--single-process', '--no-zygote', '--no-sandbox'];
    expect(bundledChromiumArgs(args)).toEqual(['--no-pings', '--no-zygote', '--no-sandbox']);
  });

  it('reads TEST_CHROMIUM strictly', () => {
    expect(chromiumChoice(undefined)).toBe('auto');
    expect(chromiumChoice('')).toBe('auto');
    expect(chromiumChoice('bundled')).toBe('bundled');
    expect(chromiumChoice('System')).toBe('system');
    expect(() => chromiumChoice('debian')).toThrow(/TEST_CHROMIUM must be system, bundled or auto/);
  });
});
