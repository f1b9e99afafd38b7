/**
 * The court pickers with JavaScript, in Chromium: GOV.UK's accessible-autocomplete over every court's name (the full
 * 399-court reference file and courts with Welsh names), on the manual upload form, court staff's "Remove a list" and
 * the public search. Typed, picked with the keyboard and submitted, the page takes the court; the hint (and the
 * error, when there is one) stays in the input's accessible description, as Chromium's accessibility tree computes
 * it; the status messages are in the page's language; axe finds nothing with the menu open or closed, in English and
 * Welsh; and no Content-Security-Policy violation is reported, nor any console error.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { SEEDED_USERS } from '../../local/identity/local-identities.js';
import { importCourtFile } from '../../shared/reference-data/court-import.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { databaseCourtDirectory } from './data/court-directory.js';
import { expectNoAxeViolations, signInAt, useAdminPortal, watchConsole } from './testing/admin-in-browser.js';

const portal = useAdminPortal({
  seed: async (db) => {
    const imported = await importCourtFile(
      db.database,
      await readFile(fixtureUrl('reference-data', 'performance_ReferenceData.csv')),
    );
    expect(imported.ok).toBe(true);
    await db.database.query(`
        INSERT INTO court (location_id, name, welsh_name, region, welsh_region, jurisdiction, welsh_jurisdiction, jurisdiction_type, welsh_jurisdiction_type) VALUES
          (2, 'Cardiff Magistrates Court', 'Llys Ynadon Caerdydd', '{Wales}', '{Cymru}', '{Crime}', '{Trosedd}', '{Magistrates Court}', '{Llys Ynadon}'),
          (4, 'Isleworth Crown Court', 'Llys y Goron Isleworth', '{London}', '{Llundain}', '{Crime}', '{Trosedd}', '{Crown Court}', '{Llys y Goron}')
        ON CONFLICT (location_id) DO NOTHING`);
  },
  real: (db) => ({ courts: databaseCourtDirectory(db.database) }),
});

/**
 * Content-Security-Policy violations on every page the tab opens, as the page's own `securitypolicyviolation`
 * events report them (the listener is added before any page script runs, by the DevTools protocol).
 */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeBinding('reportCspViolation', (_source, text: string) => {
    violations.push(text);
  });
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      window.reportCspViolation(event.violatedDirective + ' ' + event.blockedURI + ' ' + event.sample);
    });`,
  });
  return violations;
}

/** The picker once accessible-autocomplete has replaced it. */
async function enhancedPicker(page: Page, id: string): Promise<void> {
  await page.waitForSelector(`input#${id}.autocomplete__input[role="combobox"]`);
  expect(await page.locator('#court-suggestions').count()).toBe(0);
}

/** The input's accessible description, as Chromium computes it for assistive technology. */
async function accessibleDescription(page: Page, selector: string): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const description: unknown = nodes[0]?.description?.value;
    return typeof description === 'string' ? description : '';
  } finally {
    await cdp.detach();
  }
}

/** Types into the picker and waits for the menu's options; answers their texts. */
async function typeAndWaitForOptions(page: Page, id: string, text: string): Promise<string[]> {
  // Typed before the script has made it an autocomplete, the text would go to the plain field it replaces.
  await page.locator(`.autocomplete__wrapper input#${id}`).waitFor();
  await page.locator(`#${id}`).fill('');
  await page.locator(`#${id}`).pressSequentially(text);
  await page.waitForSelector(`#${id}__listbox.autocomplete__menu--visible li[role="option"]`);
  return page.locator(`#${id}__listbox li[role="option"]`).allTextContents();
}

/** The status the component announces (it settles after a debounce). */
async function waitForStatus(page: Page, id: string, text: string): Promise<void> {
  await page.locator(`#${id}__status--A, #${id}__status--B`).filter({ hasText: text }).waitFor({ state: 'attached' });
}

describe('court pickers with JavaScript (accessible-autocomplete)', () => {
  it('on the manual upload form: typed, picked with the keyboard, submitted and taken; the hint and the error announced; axe-clean; English and Welsh; no CSP violation', async () => {
    await portal.withContext(async (page) => {
      const errors = watchConsole(page, portal.host.url);
      const csp = await watchCsp(page);
      await page.goto(`${portal.host.url}/admin/manual-upload`);
      await signInAt(page, SEEDED_USERS.admin);
      await page.waitForURL(`${portal.host.url}/admin/manual-upload`);
      await enhancedPicker(page, 'court');
      const hint = 'Enter the court or tribunal’s name, or part of it, in English or Welsh';
      expect(await page.locator('label[for="court"]').textContent()).toContain('Court name');
      expect(await accessibleDescription(page, '#court')).toContain(hint);
      await expectNoAxeViolations(page);

      // Typed: the matching names, the hint still described, the status said; axe-clean with the menu open.
      const options = await typeAndWaitForOptions(page, 'court', 'cardiff');
      expect(options).toEqual(['Cardiff Magistrates Court']);
      await waitForStatus(page, 'court', '1 result is available.');
      expect(await page.locator('#court').getAttribute('aria-describedby')).toMatch(/^court-hint\b/);
      expect(await accessibleDescription(page, '#court')).toContain(hint);
      await expectNoAxeViolations(page);
      // Many: a number's courts of the 399, those starting with it first.
      const many = await typeAndWaitForOptions(page, 'court', 'test court 12');
      expect(many.slice(0, 3)).toEqual(['Test Court 12', 'Test Court 120', 'Test Court 121']);
      expect(many).toHaveLength(11);

      // Picked with the keyboard, then submitted: the court is taken (no court error; the other fields' are shown).
      await page.keyboard.press('ArrowDown');
      await waitForStatus(page, 'court', 'Test Court 12 1 of 11 is highlighted');
      await page.keyboard.press('Enter');
      expect(await page.locator('#court').inputValue()).toBe('Test Court 12');
      expect(await page.locator('#court__listbox').getAttribute('class')).toContain('autocomplete__menu--hidden');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.govuk-error-summary');
      await enhancedPicker(page, 'court');
      expect(await page.locator('#court').inputValue()).toBe('Test Court 12');
      expect(await page.locator('.govuk-error-summary a[href="#court"]').count()).toBe(0);
      expect(await page.locator('.govuk-error-summary a[href="#listType"]').count()).toBe(1);

      // A name that is no court: its error in the summary, the link focusing the picker, which describes the
      // error and the hint, with the error's border.
      await page.locator('#court').fill('Narnia');
      await page.locator('#continue').click();
      await page.waitForSelector('.govuk-error-summary a[href="#court"]');
      await enhancedPicker(page, 'court');
      expect(await page.locator('#court').getAttribute('class')).toContain('govuk-input--error');
      const described = await accessibleDescription(page, '#court');
      expect(described).toContain(hint);
      expect(described).toContain('There is no court or tribunal with that name');
      await page.locator('.govuk-error-summary a[href="#court"]').click();
      expect(await page.evaluate('document.activeElement?.id')).toBe('court');
      await expectNoAxeViolations(page);

      // In Welsh: the Welsh names, the Welsh status.
      await page.goto(`${portal.host.url}/admin/manual-upload?lng=cy`);
      await enhancedPicker(page, 'court');
      expect(await typeAndWaitForOptions(page, 'court', 'caerd')).toEqual(['Llys Ynadon Caerdydd']);
      await waitForStatus(page, 'court', 'Mae 1 canlyniad ar gael.');
      expect(await accessibleDescription(page, '#court')).toContain('Rhowch enw’r llys neu’r tribiwnlys');
      await expectNoAxeViolations(page);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await page.locator('#court').inputValue()).toBe('Llys Ynadon Caerdydd');
      expect(await typeAndWaitForOptions(page, 'court', 'zzzz')).toEqual(['Ni chanfuwyd unrhyw lys na thribiwnlys']);
      await expectNoAxeViolations(page);

      // Remove a list: the same picker; picked and submitted, it opens the court's publications.
      await page.goto(`${portal.host.url}/admin/remove-list?lng=en`);
      await enhancedPicker(page, 'court');
      expect(await typeAndWaitForOptions(page, 'court', 'isle')).toEqual(['Isleworth Crown Court']);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${portal.host.url}/admin/remove-list/4`);
      expect(csp).toEqual([]);
      expect(errors).toEqual([]);
    });
  }, 180_000);

  it('on the public search: picked with the keyboard and submitted, it opens the court; English and Welsh; no CSP violation', async () => {
    await portal.withContext(async (page) => {
      const errors = watchConsole(page, portal.host.url);
      const csp = await watchCsp(page);
      for (const [lng, typed, court, hint] of [
        ['en', 'cardiff', 'Cardiff Magistrates Court', 'For example'],
        ['cy', 'caerd', 'Llys Ynadon Caerdydd', 'Er enghraifft'],
      ] as const) {
        await page.goto(`${portal.host.url}/search?lng=${lng}`);
        await enhancedPicker(page, 'search-input');
        expect(await accessibleDescription(page, '#search-input')).toContain(hint);
        expect(await typeAndWaitForOptions(page, 'search-input', typed)).toEqual([court]);
        await expectNoAxeViolations(page);
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        expect(await page.locator('#search-input').inputValue()).toBe(court);
        await page.keyboard.press('Enter');
        await page.waitForURL(`${portal.host.url}/courts/2`);
      }
      expect(csp).toEqual([]);
      expect(errors).toEqual([]);
      // The watch would have seen one: an inline style attribute, as the component's iOS-only markup has, is refused.
      await page.evaluate(
        `document.body.insertAdjacentHTML('beforeend', '<span style="color: red">styled inline</span>')`,
      );
      await vi.waitFor(() => {
        expect(csp).toEqual([expect.stringMatching(/^style-src-attr inline/)]);
      });
    });
  }, 120_000);
  it("on an iPhone (the component's own markup differs): each option's position is hidden for sight, no CSP violation, axe-clean", async () => {
    const iPhone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    await portal.withContext({ contextOptions: { userAgent: iPhone } }, async (page) => {
      const errors = watchConsole(page, portal.host.url);
      const csp = await watchCsp(page);
      await page.goto(`${portal.host.url}/search?lng=en`);
      await enhancedPicker(page, 'search-input');
      expect(await typeAndWaitForOptions(page, 'search-input', 'test court 12')).toHaveLength(11);
      const suffix = page.locator('#search-input__option-suffix--0');
      expect(await suffix.textContent()).toBe(' 1 of 11');
      const box = await suffix.boundingBox();
      expect(box === null || (box.width <= 1 && box.height <= 1), JSON.stringify(box)).toBe(true);
      await expectNoAxeViolations(page);
      // In Welsh, the position too.
      await page.goto(`${portal.host.url}/search?lng=cy`);
      await enhancedPicker(page, 'search-input');
      const welsh = await typeAndWaitForOptions(page, 'search-input', 'test court 12');
      await page
        .locator('#search-input__option-suffix--1', { hasText: ` 2 o ${welsh.length}` })
        .waitFor({ state: 'attached' });
      await expectNoAxeViolations(page);
      expect(csp).toEqual([]);
      expect(errors).toEqual([]);
    });
  }, 120_000);
});
