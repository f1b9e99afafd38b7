/**
 * /system-admin/third-parties in Chromium: the portal hosted by the local runtime over real PostgreSQL, signed in
 * through the local identity provider. A system admin is told what is wrong with an empty form, adds Courtel with
 * push settings, changes its status, and tests the connection against a receiver that checks the token the local
 * identity provider issued for it; each page axe-clean in English and Welsh; each change audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_USERS, THIRD_PARTY_PUSH_CLIENT } from '../../local/identity/local-identities.js';
import { createPushClient } from '../../shared/third-parties/push-client.js';
import { settingsPushSecrets } from '../../shared/third-parties/push-secrets.js';
import { startThirdPartyReceiver, type ThirdPartyReceiver } from '../../test-support/third-party-receiver.js';
import { databaseThirdPartyAdmin } from './data/third-party-admin.js';
import { expectNoAxeViolations, signInAt, useAdminPortal, watchConsole } from './testing/admin-in-browser.js';

let receiver: ThirdPartyReceiver | undefined;

const pushClient = createPushClient({
  secrets: settingsPushSecrets({ COURTEL_PUSH_SECRET: THIRD_PARTY_PUSH_CLIENT.clientSecret }),
});
const portal = useAdminPortal({
  real: (db) => ({ thirdParties: databaseThirdPartyAdmin(db.database, pushClient) }),
});

// Started after the portal and (vitest runs after-hooks in reverse) stopped before it.
beforeAll(async () => {
  receiver = await startThirdPartyReceiver(portal.idp);
});
afterAll(() => receiver?.stop());

describe('/system-admin/third-parties in Chromium', () => {
  it('a system admin adds a third party, changes its status and tests its connection', async () => {
    if (receiver === undefined) throw new Error('no receiver');
    const target = receiver;
    await portal.withContext({ timeout: 10_000 }, async (page) => {
      const errors = watchConsole(page);
      await page.goto(`${portal.host.url}/system-admin/third-parties`);
      await signInAt(page, SEEDED_USERS.sysadmin);
      await page.waitForURL(`${portal.host.url}/system-admin/third-parties`);
      expect(await page.locator('#no-third-parties').count()).toBe(1);
      for (const lng of ['cy', 'en'] as const) {
        await page.goto(`${portal.host.url}/system-admin/third-parties?lng=${lng}`);
        await expectNoAxeViolations(page);
      }

      await page.getByRole('button', { name: 'Add a third party' }).click();
      await page.waitForURL(`${portal.host.url}/system-admin/third-parties/new`);
      await expectNoAxeViolations(page);
      await page.locator('#pushEndpoint').fill('http://courtel.example.com/in');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForLoadState();
      expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual([
        'Enter a name of at most 200 characters',
        'Select a status',
        'Select which classified lists they may read',
        'Enter the push endpoint as an https:// address',
      ]);
      await expectNoAxeViolations(page);

      await page.locator('#name').fill('Courtel');
      await page.locator('#status').check();
      await page.getByLabel("Verified: the press's classified lists").check();
      await page.locator('#oauthClientId').fill('courtel');
      await page.locator('#pushEndpoint').fill(target.endpoint);
      await page.locator('#pushHealthUrl').fill(target.healthUrl);
      await page.locator('#pushTokenUrl').fill(target.tokenUrl);
      await page.locator('#pushClientId').fill(THIRD_PARTY_PUSH_CLIENT.clientId);
      await page.locator('#pushScope').fill(THIRD_PARTY_PUSH_CLIENT.scope);
      await page.locator('#pushSecretName').fill('COURTEL_PUSH_SECRET');
      await page.locator('#pushListTypes').fill('sjp_press_list\nSJP_PUBLIC_LIST');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/\/system-admin\/third-parties\/[0-9a-f-]{36}\?saved=1$/);
      expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(
        'The third party has been saved.',
      );
      expect(await page.locator('#pushListTypes').inputValue()).toBe('SJP_PRESS_LIST\nSJP_PUBLIC_LIST');
      const editUrl = page.url().replace('?saved=1', '');

      await page.getByLabel('Suspended').check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/\?saved=1$/);

      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.waitForLoadState();
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
        'Connection works: the health endpoint answered 200.',
      );
      for (const lng of ['en', 'cy'] as const) {
        await page.goto(`${editUrl}?lng=${lng}`);
        await expectNoAxeViolations(page);
      }
      // A push that failed on every attempt is parked: the list counts them.
      const thirdPartyId = editUrl.split('/').pop() ?? '';
      await portal.testDb.database.query(
        `INSERT INTO third_party_push (third_party_id, artefact_id, version, event, list_type, location_id, content_date,
           sensitivity, language, content_type, status, attempts, last_error, settled_at)
         VALUES ($1, gen_random_uuid(), 0, 'PUBLISHED', 'SJP_PRESS_LIST', '1', '2026-11-30T09:00:00', 'CLASSIFIED',
           'ENGLISH', 'application/json', 'FAILED', 6, 'PUSH: 503', now())`,
        [thirdPartyId],
      );
      await page.goto(`${portal.host.url}/system-admin/third-parties?lng=en`);
      expect(await page.locator('tbody tr').allTextContents()).toEqual([
        expect.stringMatching(
          /Courtel\s*Suspended\s*Verified: the press's classified lists\s*SJP_PRESS_LIST, SJP_PUBLIC_LIST\s*1\s*Change/,
        ),
      ]);
      expect(await page.locator('thead th').allTextContents()).toContain('Pushes parked');
      expect(await page.locator('#parked-hint').count()).toBe(1);
      await expectNoAxeViolations(page);
      expect(errors).toEqual([]);
    });
    const audited = await portal.testDb.database.query<{ action: string; outcome: string }>(
      "SELECT action, outcome FROM audit_log WHERE object_type = 'third_party' ORDER BY audit_id",
    );
    expect(audited.rows).toEqual([
      { action: 'THIRD_PARTY_CREATE', outcome: 'SUCCESS' },
      { action: 'THIRD_PARTY_UPDATE', outcome: 'SUCCESS' },
      { action: 'THIRD_PARTY_CONNECTION_TEST', outcome: 'SUCCESS' },
    ]);
    expect(target.refusedTokens).toBe(0);
  }, 120_000);
});
