/**
 * The portal's error pages and every form's error state, in Chromium, in English and Welsh: axe-core at WCAG 2.2 AA
 * finds no violations, and nothing fails on the page (console, CSP, assets). The pages are reached as a reader
 * reaches them, through the real web handler hosted by the local Functions runtime, over fake dependencies
 * (testing/portal-in-browser.ts): 403 (a signed-in person's form with a stale CSRF token), 404, 500 (a dependency
 * that throws), "this list is no longer available" (a publication whose payload is gone), the download page of a
 * publication no list rendering shows, and each form submitted wrong (home and sign-in with nothing chosen, the
 * cookie settings with nothing chosen, a search with nothing typed or matching no court) plus the court filters
 * matching nothing. A form's error follows the GOV.UK pattern: "Error:" in the title, an error summary that takes
 * the focus, whose link is the field's message and moves the focus to the field, and the field described by it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../../test-support/browser.js';
import cyLayout from './layout/cy.json' with { type: 'json' };
import enLayout from './layout/en.json' with { type: 'json' };
import {
  expectedLayoutFacts,
  layoutFacts,
  startPortal,
  watchPage,
  type PortalInBrowser,
} from './testing/portal-in-browser.js';
import { fakeDependencies, fakeSignIn, publication, testPrincipals } from './testing/web-test-kit.js';

const ids = {
  gone: '00000000-0000-4000-8000-000000000001',
  general: '00000000-0000-4000-8000-000000000002',
  unknownType: '00000000-0000-4000-8000-000000000003',
};
/** The court whose lookup throws, as a database that is down would. */
const brokenCourt = 500;

const signIn = fakeSignIn();
const base = fakeDependencies({
  signIn,
  publications: [
    publication({ artefactId: ids.gone, blobName: 'gone.json' }),
    publication({ artefactId: ids.general, type: 'GENERAL_PUBLICATION', listType: null, blobName: 'g.json' }),
    publication({ artefactId: ids.unknownType, listType: 'NOT_A_LIST_TYPE', blobName: 'g.json' }),
  ],
  payloads: { 'g.json': '{"document":{"title":"Notice"}}' },
});
const deps = {
  ...base,
  courts: {
    all: () => base.courts.all(),
    find: (locationId: number) =>
      locationId === brokenCourt ? Promise.reject(new Error('connection refused')) : base.courts.find(locationId),
  },
};

const layoutStrings = { en: enLayout, cy: cyLayout };

let portal: PortalInBrowser;
let browser: Browser;
/** One page per kind of reader, reused by every test. */
const tabs = new Map<'anonymous' | 'signed-in', { page: Page; errors: ReturnType<typeof watchPage> }>();

beforeAll(async () => {
  [browser, portal] = await Promise.all([launchChromium(), startPortal(deps)]);
  const signedIn = await browser.newContext();
  const { sessionId } = await signIn.signInAs(testPrincipals.media);
  await signedIn.addCookies([{ name: 'pip-session', value: sessionId, url: portal.url, httpOnly: true }]);
  for (const [kind, context] of [
    ['anonymous', await browser.newContext()],
    ['signed-in', signedIn],
  ] as const) {
    const page = await context.newPage();
    tabs.set(kind, { page, errors: watchPage(page) });
  }
}, 120_000);

afterAll(async () => {
  await browser.close();
  await portal.stop();
});

type Language = 'en' | 'cy';

interface State {
  name: string;
  status: number;
  /** The h1 (a substring) in English, to be sure the state is the one meant. */
  heading?: string;
  /** A form's error: the field its summary links to. */
  field?: string;
  context?: 'signed-in';
  open(page: Page, language: Language): Promise<number>;
}

function get(path: string): State['open'] {
  return async (page, language) => {
    const response = await page.goto(`${portal.url}${path}${path.includes('?') ? '&' : '?'}lng=${language}`, {
      waitUntil: 'load',
    });
    return response?.status() ?? 0;
  };
}

/** Opens `path`, optionally changes the form, then submits it with the button in <main>; answers the response's status. */
function submit(path: string, change?: (page: Page) => Promise<void>): State['open'] {
  return async (page, language) => {
    await get(path)(page, language);
    await change?.(page);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
      page.locator('main form button[type="submit"], main form button:not([type])').first().click(),
    ]);
    await page.waitForLoadState('load');
    return response.status();
  };
}

const states: State[] = [
  { name: 'the 404 page', status: 404, heading: 'Page not found', open: get('/no-such-page') },
  { name: 'the 500 page', status: 500, heading: 'Sorry, there is a problem', open: get(`/courts/${brokenCourt}`) },
  {
    name: 'the 403 page (a signed-in form with a stale CSRF token)',
    status: 403,
    heading: 'Your form could not be sent',
    context: 'signed-in',
    open: submit('/cookies', async (page) => {
      await page.getByRole('radio').first().check();
      const csrf = page.locator('main input[name="_csrf"]');
      expect(await csrf.count()).toBe(1);
      // The token the form sends becomes a stale one (a string: the project's TypeScript has no DOM types).
      await page.evaluate(`document.querySelector('main input[name="_csrf"]').value = 'stale-token'`);
    }),
  },
  {
    name: 'a list no longer available',
    status: 404,
    heading: 'This list is no longer available',
    open: get(`/list/${ids.gone}`),
  },
  { name: 'the download page (a general publication)', status: 200, open: get(`/list/${ids.general}`) },
  { name: 'the download page (an unknown list type)', status: 200, open: get(`/list/${ids.unknownType}`) },
  { name: 'home, nothing chosen', status: 400, field: 'view-option', open: submit('/') },
  { name: 'search, nothing typed', status: 400, field: 'search-input', open: get('/search?name=') },
  { name: 'search, no court matches', status: 400, field: 'search-input', open: get('/search?name=zzzz') },
  { name: 'cookie settings, nothing chosen', status: 400, field: 'analytics', open: submit('/cookies') },
  { name: 'sign in, nothing chosen', status: 400, field: 'account', open: submit('/sign-in') },
  { name: 'court filters matching no court', status: 200, open: get('/courts?jurisdiction=Tribunal&region=Wales') },
];

/** The GOV.UK error pattern, as the page shows it: each summary link, its field and the field's own message. */
async function errorSummary(page: Page): Promise<unknown> {
  // A string: the project's TypeScript has no DOM types, and this runs in the page.
  return page.evaluate(`(() => {
    const summary = document.querySelector('.govuk-error-summary');
    if (summary === null) return null;
    return {
      focused: summary.contains(document.activeElement),
      links: [...summary.querySelectorAll('.govuk-error-summary__list a')].map((link) => {
        const id = (link.getAttribute('href') ?? '').replace(/^#/, '');
        const field = document.getElementById(id);
        const group = field?.closest('.govuk-form-group');
        const message = group?.querySelector('.govuk-error-message') ?? null;
        const describedBy = [field, field?.closest('fieldset')]
          .flatMap((element) => (element?.getAttribute('aria-describedby') ?? '').split(/\\s+/))
          .filter((token) => token !== '');
        return {
          href: link.getAttribute('href'),
          field: field?.tagName.toLowerCase() ?? null,
          groupInError: group?.classList.contains('govuk-form-group--error') ?? false,
          messageMatches: message !== null && message.textContent.includes(link.textContent.trim()),
          describedByMessage: message !== null && message.id !== '' && describedBy.includes(message.id),
        };
      }),
    };
  })()`);
}

describe('error pages and form errors, in English and Welsh: axe at WCAG 2.2 AA', () => {
  for (const language of ['en', 'cy'] as const) {
    it.each(states)(`$name (${language})`, async (state) => {
      const tab = tabs.get(state.context ?? 'anonymous');
      if (tab === undefined) throw new Error('No page');
      const { page, errors } = tab;
      errors.take();
      expect(await state.open(page, language)).toBe(state.status);
      expect(await layoutFacts(page)).toEqual(expectedLayoutFacts(language));
      if (state.heading !== undefined && language === 'en')
        expect(await page.locator('main h1').textContent()).toContain(state.heading);
      const summary = await errorSummary(page);
      if (state.field === undefined) {
        expect(summary).toBeNull();
      } else {
        expect(await page.title()).toMatch(new RegExp(`^${layoutStrings[language].errorPrefix} `));
        expect(summary).toEqual({
          focused: true,
          links: [
            {
              href: `#${state.field}`,
              field: 'input',
              groupInError: true,
              messageMatches: true,
              describedByMessage: true,
            },
          ],
        });
      }
      const violations = await axeViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      if (state.field !== undefined) {
        // The summary's link takes the reader to the field (GOV.UK Frontend's error summary script).
        await page.locator('.govuk-error-summary__list a').first().click();
        expect(await page.evaluate('document.activeElement?.id')).toBe(state.field);
      }
      expect(errors.take()).toEqual([]);
    });
  }
});
