/**
 * Every list rendering as a reader gets it: /list/{id} through the real web handler and list page, inside the real
 * layout (layout/layout.njk over govuk/template.njk, header, footer, GOV.UK Frontend's CSS and JavaScript under our
 * CSP), hosted by the local Functions runtime, with a fake publication store holding each example payload. Each is
 * loaded in Chromium in English and Welsh and checked with axe-core at WCAG 2.2 AA: 0 violations, no console or CSP
 * errors. The cases cover every template in templates/ (the dedicated ones, non-strategic-table.njk for every tabular list, and generic-list.njk),
 * which the first test checks. When no browser can be launched the test fails, saying so: it is never skipped.
 */
import { readdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../../../test-support/browser.js';
import {
  expectedLayoutFacts,
  layoutFacts,
  startPortal,
  watchPage,
  type PortalInBrowser,
} from '../testing/portal-in-browser.js';
import { fakeDependencies, publication } from '../testing/web-test-kit.js';
import type { Publication } from '../../../shared/publications/publication.js';
import type { ListPageView } from '../web-dependencies.js';
import { listExamples, listTypeById, readExample } from './list-examples.test-support.js';
import { dedicatedTemplate, genericTemplate, listPageView, listTemplatesDirectory } from './render-list.js';

interface ListCase {
  name: string;
  listTypeId: string;
  payload: unknown;
  /** The template the case must be rendered with. */
  template: string;
  /** Text the page must show (proves the payload was rendered, not an empty frame). */
  shows: string;
  query?: string;
}

const civil = readExample('civilDailyCauseList.json');

/** One example per schema: the tabular lists share a template, and each schema's table is what differs. */
const examplePerSchema = listExamples.filter(
  (example, index) =>
    listExamples.findIndex(
      (other) => listTypeById(other.listTypeId).schema === listTypeById(example.listTypeId).schema,
    ) === index,
);

const cases: ListCase[] = [
  ...examplePerSchema.map((example) => ({
    name: example.file,
    listTypeId: example.listTypeId,
    payload: readExample(example.file),
    template: dedicatedTemplate(listTypeById(example.listTypeId)) ?? 'none',
    shows: example.facts[0] ?? '',
  })),
  {
    name: 'an SJP public list filtered by postcode',
    listTypeId: 'SJP_PUBLIC_LIST',
    payload: readExample('sjpPublicList.json'),
    template: 'sjp-public-list.njk',
    shows: 'AA1',
    query: 'postcode=AA1',
  },
  {
    name: 'a list type without a rendering of its own, with rows',
    listTypeId: 'SJP_PRESS_REGISTER',
    payload: [
      { date: '1 December 2026', caseReferenceNumber: 'CST-1', caseName: 'A v B', venue: 'Room 1' },
      { date: '2 December 2026', caseReferenceNumber: 'CST-2', caseName: 'C v D' },
    ],
    template: genericTemplate,
    shows: 'CST-2',
  },
  {
    name: 'a list type without a rendering of its own, with hearings',
    listTypeId: 'SJP_PRESS_REGISTER',
    payload: civil,
    template: genericTemplate,
    shows: '45684548',
  },
  {
    name: 'a list type without a rendering of its own, with fields',
    listTypeId: 'SJP_PRESS_REGISTER',
    payload: { document: { publicationDate: '2026-11-30T09:00:00Z' }, note: 'Hello <b>', items: [{ a: 1 }, 'two'] },
    template: genericTemplate,
    shows: 'Hello <b>',
  },
  {
    name: 'a payload its dedicated view model cannot read (the generic fallback)',
    listTypeId: 'CIVIL_DAILY_CAUSE_LIST',
    payload: { courtLists: 42, note: 'Shown generically' },
    template: genericTemplate,
    shows: 'Shown generically',
  },
];

const publications: Publication[] = [];
const payloads: Record<string, string> = {};
const ids = new Map<ListCase, string>();
cases.forEach((listCase, index) => {
  const artefactId = `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
  ids.set(listCase, artefactId);
  publications.push(publication({ artefactId, listType: listCase.listTypeId, blobName: `${artefactId}.json` }));
  payloads[`${artefactId}.json`] = JSON.stringify(listCase.payload);
});

/** The template the last list page was rendered with (tests in a file run one after another). */
let lastTemplate: string | null = null;
const recordingListPageView: ListPageView = (input) => {
  const view = listPageView(input);
  lastTemplate = view.template;
  return view;
};

let portal: PortalInBrowser;
let browser: Browser | null = null;
let launchError: unknown = null;
let page: Page;
let errors: ReturnType<typeof watchPage>;

beforeAll(async () => {
  const started = await Promise.allSettled([
    launchChromium(),
    startPortal(fakeDependencies({ publications, payloads, overrides: { listPageView: recordingListPageView } })),
  ]);
  if (started[1].status === 'rejected') throw started[1].reason;
  portal = started[1].value;
  if (started[0].status === 'rejected') launchError = started[0].reason;
  else {
    browser = started[0].value;
    page = await (await browser.newContext()).newPage();
    errors = watchPage(page);
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await portal.stop();
});

function theBrowser(): Browser {
  if (browser === null) throw launchError instanceof Error ? launchError : new Error('No browser was launched');
  return browser;
}

describe('list renderings in the real layout, in a browser: axe at WCAG 2.2 AA', () => {
  it('covers every template of the list renderings', () => {
    const templates = readdirSync(listTemplatesDirectory).filter((file) => file.endsWith('.njk'));
    expect(templates).toContain('non-strategic-table.njk');
    expect(templates).toContain(genericTemplate);
    expect([...new Set(cases.map((listCase) => listCase.template))].sort()).toEqual(templates.sort());
  });

  it('reports a violation when there is one (the check is live)', async () => {
    const scratch = await theBrowser().newPage();
    try {
      await scratch.setContent(
        '<html lang="en"><head><title>x</title></head><body><main><h1>x</h1><img src="x.png"></main></body></html>',
      );
      expect((await axeViolations(scratch)).map((violation) => violation.id)).toContain('image-alt');
    } finally {
      await scratch.close();
    }
  });

  it('keeps a wide tabular list within a 375 px screen: the table scrolls in its region, not the page', async () => {
    const wide = cases.find((listCase) => listCase.listTypeId === 'GRC_WEEKLY_HEARING_LIST');
    if (wide === undefined) throw new Error('no GRC case');
    const narrow = await (await theBrowser().newContext({ viewport: { width: 375, height: 800 } })).newPage();
    try {
      await narrow.goto(`${portal.url}/list/${ids.get(wide) ?? ''}`, { waitUntil: 'load' });
      const widths = await narrow.evaluate<{ page: number; regionClient: number; regionScroll: number }>(`(() => {
        const region = document.querySelector('.pip-table-wrapper');
        return {
          page: document.documentElement.scrollWidth,
          regionClient: region ? region.clientWidth : 0,
          regionScroll: region ? region.scrollWidth : 0,
        };
      })()`);
      expect(widths.page).toBeLessThanOrEqual(375);
      expect(widths.regionScroll).toBeGreaterThan(widths.regionClient);
    } finally {
      await narrow.context().close();
    }
  });

  for (const listCase of cases) {
    for (const language of ['en', 'cy'] as const) {
      it(`${listCase.name} (${language}, ${listCase.template}) has no axe violations`, async () => {
        theBrowser();
        lastTemplate = null;
        const query = new URLSearchParams(listCase.query);
        query.set('lng', language);
        const response = await page.goto(`${portal.url}/list/${ids.get(listCase) ?? ''}?${query.toString()}`, {
          waitUntil: 'load',
        });
        expect(response?.status()).toBe(200);
        expect(lastTemplate).toBe(listCase.template);
        expect(await layoutFacts(page)).toEqual(expectedLayoutFacts(language));
        expect(await page.locator('main .pip-list').count()).toBe(1);
        expect(await page.locator('main').textContent()).toContain(listCase.shows);
        const violations = await axeViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        expect(errors.take()).toEqual([]);
      });
    }
  }
});
