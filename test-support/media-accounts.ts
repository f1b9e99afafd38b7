/** Media accounts as the tests make them: the real service, mailing through the local Notify endpoint. Test code only. */
import type { LocalNotify } from '../local/notify/local-notify.js';
import { createMediaAccountMailer } from '../shared/media-accounts/media-account-mailer.js';
import {
  createMediaAccounts,
  type MediaAccounts,
  type MediaAccountsDependencies,
} from '../shared/media-accounts/media-accounts.js';

/** The Notify templates the tests' mailer sends with (the welcome email and the rejection). */
export const TEST_WELCOME_TEMPLATE = '11111111-2222-4333-8444-555555555555';
export const TEST_REJECTION_TEMPLATE = '66666666-7777-4888-9999-000000000000';

export function localNotifyMediaAccounts(
  options: Omit<MediaAccountsDependencies, 'mailer'> & { notify: Pick<LocalNotify, 'apiKey' | 'baseUrl'> },
): MediaAccounts {
  const { notify, ...deps } = options;
  return createMediaAccounts({
    ...deps,
    mailer: createMediaAccountMailer({
      apiKey: notify.apiKey,
      baseUrl: notify.baseUrl,
      welcomeTemplateId: TEST_WELCOME_TEMPLATE,
      rejectionTemplateId: TEST_REJECTION_TEMPLATE,
    }),
  });
}
