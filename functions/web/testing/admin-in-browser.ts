/**
 * Helpers the browser tests over the real portal share (admin, admin publications, court screens, manual upload,
 * media accounts, sign-in, subscriptions, system admin): what goes wrong in the console, signing in through the local
 * identity provider's forms, axe, and a fresh browser context per test.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations } from '../../../test-support/browser.js';

/**
 * Console errors (a CSP violation is one) and page errors: the returned array fills as they happen. With `hostUrl`,
 * console errors count only while the page is on the portal (not the identity provider's pages).
 */
export function watchConsole(page: Page, hostUrl?: string): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      (hostUrl === undefined || page.url().startsWith(hostUrl)) &&
      !message.text().startsWith('Failed to load resource')
    )
      errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** From the sign-in page (already open): the B2C account, the provider's form, back to the page asked for. */
export async function signInAt(page: Page, user: { username: string; password: string }): Promise<void> {
  await page.getByLabel('With a Court and tribunal hearings account').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${page.url()}\n${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

export interface ContextOptions {
  /** The page's default timeout in ms: 15 s unless said. */
  timeout?: number;
  contextOptions?: BrowserContextOptions;
}

type RunInContext = (page: Page, context: BrowserContext) => Promise<void>;

/** Runs `run` on a page of a new context of `browser` (closed after, whatever happens). */
export async function withContext(browser: Browser, run: RunInContext): Promise<void>;
export async function withContext(browser: Browser, options: ContextOptions, run: RunInContext): Promise<void>;
export async function withContext(
  browser: Browser,
  optionsOrRun: ContextOptions | RunInContext,
  maybeRun?: RunInContext,
): Promise<void> {
  const [{ timeout = 15_000, contextOptions }, run] =
    typeof optionsOrRun === 'function' ? [{}, optionsOrRun] : [optionsOrRun, maybeRun];
  if (run === undefined) throw new Error('withContext: nothing to run');
  const context = await browser.newContext(contextOptions);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await run(page, context);
  } finally {
    await context.close();
  }
}
