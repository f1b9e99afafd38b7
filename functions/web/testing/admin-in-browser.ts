/**
 * Helpers the browser tests over the real portal share (admin, admin publications, court screens, manual upload,
 * media accounts, sign-in, subscriptions, system admin): what goes wrong in the console, signing in through the local
 * identity provider's forms, axe, a fresh browser context per test, and the world most of them start: a test
 * database, Chromium, the web function hosted by the local runtime (a copy of web-static/) and the local identity
 * provider told the host's redirect URIs. `useAdminPortal` is that world for one test file, in one line.
 */
import { rm } from 'node:fs/promises';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { recordAuditEvent } from '../../../shared/audit/audit-log.js';
import { axeViolations, launchChromium } from '../../../test-support/browser.js';
import {
  seedAdminRoles,
  startWebIdentityProvider,
  type LocalIdentityProvider,
} from '../../../test-support/local-identity.js';
import { startTestHost } from '../../../test-support/test-host.js';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database.js';
import { copyWebStatic } from '../../../test-support/web-static.js';
import { databaseAuditLog } from '../data/audit-log-reader.js';
import { registerWeb } from '../registration.js';
import { createTemplateEnvironment } from '../rendering/nunjucks-environment.js';
import type { WebDependencies } from '../web-dependencies.js';
import { fakeDependencies } from './web-test-kit.js';
import { databaseWebSignIn, localProviderIssuers } from './web-sign-in.js';

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
  await page.getByLabel(/^(Username|Email address)$/).fill(user.username);
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
  return inNewContext(browser, optionsOrRun, maybeRun);
}

async function inNewContext(
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

type LocalFunctionsHost = Awaited<ReturnType<typeof startTestHost>>;

export interface AdminPortal {
  testDb: TestDatabase;
  browser: Browser;
  host: LocalFunctionsHost;
  idp: LocalIdentityProvider;
  /** Closes the browser, stops the host and the provider, drops the database and the copy of web-static/. */
  stop(): Promise<void>;
}

/**
 * Starts the admin pages' world. `seed` runs once the database is there and before the host starts (seed data, other
 * functions to register); `deps` builds the web dependencies when the first request comes, by when the identity
 * provider is up (the host starts first, on port 0, so the provider can be told its redirect URIs).
 */
export async function startAdminPortal(options: {
  poolSize?: number;
  seed?: (testDb: TestDatabase) => Promise<void>;
  deps: (testDb: TestDatabase, idp: LocalIdentityProvider) => WebDependencies;
}): Promise<AdminPortal> {
  const [testDb, browser] = await Promise.all([
    createTestDatabase(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
    launchChromium(),
  ]);
  let staticRoot: string | undefined;
  let host: LocalFunctionsHost | undefined;
  let idp: LocalIdentityProvider | undefined;
  const stop = async (): Promise<void> => {
    await browser.close();
    await host?.stop();
    await idp?.stop();
    await testDb.drop();
    if (staticRoot) await rm(staticRoot, { recursive: true, force: true });
  };
  try {
    staticRoot = await copyWebStatic();
    // Admin roles are held in the database, never taken from the token: the seeded admins get theirs.
    await seedAdminRoles(testDb.database);
    await options.seed?.(testDb);
    registerWeb(() => {
      if (!idp) throw new Error('the identity provider is not running');
      return { templates: createTemplateEnvironment(), deps: options.deps(testDb, idp) };
    });
    host = await startTestHost({ staticRoot });
    idp = await startWebIdentityProvider(host.url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { testDb, browser, host, idp, stop };
}

/** The real dependencies every admin page test has: sign-in through the provider, the audit log, the clock. */
export function realAdminBasics(
  testDb: TestDatabase,
  idp: LocalIdentityProvider,
): Pick<WebDependencies, 'signIn' | 'audit' | 'auditLog' | 'now'> {
  return {
    signIn: databaseWebSignIn(testDb.database, localProviderIssuers(idp)),
    audit: (event) => recordAuditEvent(testDb.database, event),
    auditLog: databaseAuditLog(testDb.database),
    now: () => new Date(),
  };
}

/** The portal a test file reads (useAdminPortal). */
export interface AdminPortalInTests extends Omit<AdminPortal, 'stop'> {
  /** `withContext` on the portal's browser. */
  withContext(run: RunInContext): Promise<void>;
  withContext(options: ContextOptions, run: RunInContext): Promise<void>;
}

/**
 * The admin portal of one test file, started before its tests and stopped after them (this registers the vitest
 * hooks). Every web dependency is the page tests' fake but the real basics (realAdminBasics) and what `real` gives.
 * Read its fields inside the tests: they are there once it has started.
 */
export function useAdminPortal(options: {
  poolSize?: number;
  seed?: (testDb: TestDatabase) => Promise<void>;
  real?: (testDb: TestDatabase, idp: LocalIdentityProvider) => Partial<WebDependencies>;
}): AdminPortalInTests {
  const { real, ...start } = options;
  let world: AdminPortal | undefined;
  beforeAll(async () => {
    world = await startAdminPortal({
      ...start,
      deps: (testDb, idp) =>
        fakeDependencies({ overrides: { ...realAdminBasics(testDb, idp), ...real?.(testDb, idp) } }),
    });
  }, 120_000);
  afterAll(() => world?.stop());
  const started = (): AdminPortal => {
    if (world === undefined) throw new Error('the admin portal is not running: read it inside a test');
    return world;
  };
  return {
    get testDb() {
      return started().testDb;
    },
    get browser() {
      return started().browser;
    },
    get host() {
      return started().host;
    },
    get idp() {
      return started().idp;
    },
    withContext: (optionsOrRun: ContextOptions | RunInContext, run?: RunInContext) =>
      inNewContext(started().browser, optionsOrRun, run),
  };
}
