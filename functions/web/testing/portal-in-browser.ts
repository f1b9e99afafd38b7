/**
 * The portal in Chromium over fake dependencies: the web function registered as index.ts registers it, hosted by the
 * local Functions runtime (real HTTP, the security headers and CSP, GOV.UK Frontend's CSS and JavaScript served from
 * a copy of web-static/), with the page tests' fakes (web-test-kit.ts) in place of PostgreSQL and Blob Storage. For
 * browser tests of states the real stores cannot easily be put in: a list of every rendering, a dependency that
 * throws, a stale CSRF token.
 */
import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { copyWebStatic } from '../../../test-support/web-static.js';
import { startTestHost } from '../../../test-support/test-host.js';
import { registerWeb } from '../registration.js';
import { createTemplateEnvironment } from '../rendering/nunjucks-environment.js';
import type { WebDependencies } from '../web-dependencies.js';

export interface PortalInBrowser {
  url: string;
  stop(): Promise<void>;
}

/** Registers the web function over `deps` and hosts it; call once per test file (the registry is the file's). */
export async function startPortal(deps: WebDependencies): Promise<PortalInBrowser> {
  const staticRoot = await copyWebStatic();
  let host: Awaited<ReturnType<typeof startTestHost>> | undefined;
  try {
    registerWeb(() => ({ deps, templates: createTemplateEnvironment() }));
    host = await startTestHost({ staticRoot });
  } catch (error) {
    await rm(staticRoot, { recursive: true, force: true });
    throw error;
  }
  const started = host;
  return {
    url: started.url,
    async stop() {
      await started.stop();
      await rm(staticRoot, { recursive: true, force: true });
    },
  };
}

/**
 * Collects what goes wrong on a page: console errors (a CSP violation is one), page errors, failed requests and any
 * response of 400 or more other than a document's own (its status is the test's to assert). `take()` answers and
 * clears them, so one page can serve many tests.
 */
export function watchPage(page: Page): { take(): string[] } {
  let errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document')
      errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => errors.push(`failed ${request.url()}`));
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    take() {
      const taken = errors;
      errors = [];
      return taken;
    },
  };
}

/** What a page shows that says it is in the real layout: the GOV.UK template, header, footer, one h1 in <main>. */
export async function layoutFacts(page: Page): Promise<Record<string, unknown>> {
  return {
    lang: await page.getAttribute('html', 'lang'),
    frontendSupported: await page.locator('body.govuk-frontend-supported').count(),
    skipLink: await page.locator('a.govuk-skip-link[href="#main-content"]').count(),
    header: await page.locator('.govuk-header').count(),
    footer: await page.locator('.govuk-footer').count(),
    mainH1: await page.locator('main#main-content h1').count(),
  };
}

export function expectedLayoutFacts(language: 'en' | 'cy'): Record<string, unknown> {
  return { lang: language, frontendSupported: 1, skipLink: 1, header: 1, footer: 1, mainH1: 1 };
}
