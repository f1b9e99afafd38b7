/**
 * The list page with its downloads and "changes since" (issue 13) in a real browser over the local runtime: no axe
 * violations at WCAG 2.2 AA, in English and Welsh, for a signed-in reader; the PDF link downloads the file.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listChanges } from '../../../../shared/publications/renditions/list-changes.js';
import type { ListRenditions } from '../../../../shared/publications/renditions/list-renditions.js';
import { axeViolations, launchChromium } from '../../../../test-support/browser.js';
import { startPortal, type PortalInBrowser } from '../../testing/portal-in-browser.js';
import { fakeDependencies, fakeSignIn, publication, testPrincipals } from '../../testing/web-test-kit.js';

const list = publication();
const pdf = Buffer.from('%PDF-1.7 a rendered list');
const renditions: ListRenditions = {
  summary: () =>
    Promise.resolve({
      pdf: true,
      workbook: true,
      changes: listChanges(
        [{ reference: 'CN-1', name: 'A v B', time: '10:00', courtroom: '1' }],
        [{ reference: 'CN-1', name: 'A v B', time: '14:00', courtroom: '3' }],
      ),
    }),
  read: (_publication, format) => Promise.resolve(format === 'pdf' ? pdf : null),
};

let browser: Browser;
let portal: PortalInBrowser;
let sessionId: string;

beforeAll(async () => {
  const signIn = fakeSignIn();
  ({ sessionId } = await signIn.signInAs(testPrincipals.media));
  const deps = fakeDependencies({
    signIn,
    publications: [list],
    payloads: { 'payload.json': '{}' },
    overrides: { renditions },
  });
  [browser, portal] = await Promise.all([launchChromium(), startPortal(deps)]);
});

afterAll(async () => {
  await Promise.all([browser.close(), portal.stop()]);
});

describe('a list page with its downloads and changes', () => {
  for (const language of ['en', 'cy'] as const) {
    it(`(${language}) has no axe violations, and its PDF link downloads the PDF`, async () => {
      const context = await browser.newContext({ acceptDownloads: true });
      try {
        await context.addCookies([{ name: 'pip-session', value: sessionId, url: portal.url }]);
        const page = await context.newPage();
        const response = await page.goto(`${portal.url}/list/${list.artefactId}?lng=${language}`);
        expect(response?.status()).toBe(200);
        expect(await page.locator('[data-changes-since] li').allTextContents()).toEqual([
          language === 'en'
            ? 'Moved: CN-1 A v B, 10:00, courtroom 1 to 14:00, courtroom 3'
            : 'Symudwyd: CN-1 A v B, 10:00, ystafell llys 1 i 14:00, ystafell llys 3',
        ]);
        const violations = await axeViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click(`a[href="/list/${list.artefactId}/pdf"]`),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      } finally {
        await context.close();
      }
    });
  }
});
