/**
 * The admin pages in Chromium: the portal hosted by the local runtime over real PostgreSQL (sessions, the audit log)
 * and the local identity provider. An anonymous visitor to /system-admin/audit signs in as the seeded system admin
 * and comes back to it; the dashboards, a filtered audit log and an entry have no WCAG 2.2 AA violations (axe) in
 * English and Welsh; a media user and an anonymous visitor are refused at /admin and /system-admin/audit.
 * Courts, publications and the glossary are the page tests' fakes: nothing here reads them.
 */
import { describe, expect, it } from 'vitest';
import { SEEDED_USERS } from '../../local/identity/local-identities.js';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import { expectNoAxeViolations, signInAt, useAdminPortal, watchConsole } from './testing/admin-in-browser.js';

const portal = useAdminPortal({
  seed: (db) =>
    recordAuditEvent(db.database, {
      action: 'PUBLICATION_DELETE',
      outcome: 'SUCCESS',
      actor: {
        userId: 'someone',
        provenance: 'PI_AAD',
        roles: ['SYSTEM_ADMIN'],
        email: 'someone@example.com',
        name: null,
      },
      objectType: 'publication',
      objectId: 'pub-1',
      details: { reason: 'sent in error' },
    }),
});

describe('the admin pages in Chromium', () => {
  it('a system admin signs in from the audit log, comes back to it, filters, opens an entry: axe-clean in English and Welsh', async () => {
    await portal.withContext({ timeout: 10_000 }, async (page) => {
      const errors = watchConsole(page, portal.host.url);
      const start = await page.goto(`${portal.host.url}/system-admin/audit?action=PUBLICATION_DELETE`);
      expect(page.url()).toBe(
        `${portal.host.url}/sign-in?returnTo=${encodeURIComponent('/system-admin/audit?action=PUBLICATION_DELETE')}`,
      );
      expect(start?.status()).toBe(200);
      await signInAt(page, SEEDED_USERS.sysadmin);
      await page.waitForURL(`${portal.host.url}/system-admin/audit?action=PUBLICATION_DELETE`);
      expect(await page.locator('h1').textContent()).toBe('Audit log');
      expect(await page.locator('tbody tr').count()).toBe(1);

      for (const lng of ['en', 'cy'] as const) {
        await page.goto(`${portal.host.url}/admin?lng=${lng}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lng);
        await expectNoAxeViolations(page);
        await page.goto(`${portal.host.url}/system-admin?lng=${lng}`);
        await expectNoAxeViolations(page);
        await page.locator('main a[href="/system-admin/audit"]').click();
        await page.waitForURL(`${portal.host.url}/system-admin/audit`);
        await expectNoAxeViolations(page);
        // Filter with the form: by user and a date range of today.
        const today = new Date();
        await page.locator('#user').fill('someone@example.com');
        await page.locator('#from-day').fill(String(today.getUTCDate()));
        await page.locator('#from-month').fill(String(today.getUTCMonth() + 1));
        await page.locator('#from-year').fill(String(today.getUTCFullYear()));
        await page.locator('main button[type="submit"]').click();
        await page.waitForURL(/user=someone%40example.com/);
        expect(await page.locator('tbody tr').count()).toBe(1);
        expect(await page.locator('tbody').textContent()).toContain('PUBLICATION_DELETE');
        await expectNoAxeViolations(page);
        // An entry.
        await page.locator('tbody a').first().click();
        await page.waitForURL(/\/system-admin\/audit\/\d+$/);
        expect(await page.locator('main').textContent()).toContain('sent in error');
        await expectNoAxeViolations(page);
        // A date that is not real: the error summary, linked to the field.
        await page.goto(`${portal.host.url}/system-admin/audit?from-day=31&from-month=2&from-year=2026`);
        expect(await page.locator('.govuk-error-summary a[href="#from-day"]').count()).toBe(1);
        await expectNoAxeViolations(page);
      }
      expect(errors).toEqual([]);

      // A POST to an admin page without the session's CSRF token (the browser's own cookies) is refused.
      const refused = await page.request.post(`${portal.host.url}/system-admin?lng=en`, { form: { anything: 'x' } });
      expect(refused.status()).toBe(403);
      expect(await refused.text()).toContain('Your form could not be sent');

      const { rows } = await portal.testDb.database.query<{ outcome: string; object_id: string | null }>(
        `SELECT outcome, object_id FROM audit_log WHERE action = 'AUDIT_VIEW' AND user_email = $1`,
        [SEEDED_USERS.sysadmin.username],
      );
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(rows.filter((row) => row.object_id !== null)).toHaveLength(2);
    });
  }, 120_000);

  it('a media user is refused at /admin and /system-admin/audit, in English and Welsh (axe-clean), and audited', async () => {
    await portal.withContext({ timeout: 10_000 }, async (page) => {
      await page.goto(`${portal.host.url}/admin`);
      await signInAt(page, SEEDED_USERS.media);
      await page.waitForURL(`${portal.host.url}/admin`);
      for (const path of ['/admin', '/system-admin/audit?lng=cy']) {
        const response = await page.goto(`${portal.host.url}${path}`);
        expect(response?.status(), path).toBe(403);
        expect(await page.locator('h1').textContent()).toMatch(
          /You do not have permission to view this page|Nid oes gennych ganiatâd i weld y dudalen hon/,
        );
        await expectNoAxeViolations(page);
      }
      const { rows } = await portal.testDb.database.query<{ object_id: string }>(
        `SELECT object_id FROM audit_log WHERE action = 'ADMIN_PAGE_ACCESS' AND outcome = 'DENIED' AND user_email = $1 ORDER BY audit_id`,
        [SEEDED_USERS.media.username],
      );
      // Coming back to /admin after signing in was the first refusal.
      expect(rows.map((row) => row.object_id)).toEqual(['/admin', '/admin', '/system-admin/audit']);
    });
  }, 90_000);

  it('an anonymous visitor is sent to sign in from /admin and /system-admin/audit', async () => {
    await portal.withContext({ timeout: 10_000 }, async (page) => {
      for (const path of ['/admin', '/system-admin/audit']) {
        await page.goto(`${portal.host.url}${path}`);
        expect(page.url()).toBe(`${portal.host.url}/sign-in?returnTo=${encodeURIComponent(path)}`);
        expect(await page.locator('main input[name="returnTo"]').getAttribute('value')).toBe(path);
      }
    });
  });
});
