import {
  loadSettings,
  mediaLifecycleSettingsSchema,
  userDirectorySettingsSchema,
} from '../../shared/config/settings.js';
import { userDirectoryFromSettings } from '../../shared/media-accounts/directory-from-settings.js';
import type { UserDirectory } from '../../shared/media-accounts/media-account-directory.js';
import {
  createMediaLifecycleMailer,
  type MediaLifecycleMailer,
} from '../../shared/media-accounts/media-account-lifecycle.js';
import { siteBaseUrl, siteUrlFrom } from '../../shared/config/site-url.js';
import { coreDependencies, coreSettings, now } from '../dependencies.js';
import { registerMediaAccountLifecycle } from './registration.js';

coreSettings();
const settings = loadSettings(mediaLifecycleSettingsSchema, process.env);
const siteUrl = siteUrlFrom(siteBaseUrl(process.env));
// Locally the local identity provider; in Azure, Azure B2C through Microsoft Graph. A deletion the directory does not
// make is audited and the account kept until a run succeeds.
const directorySettings = loadSettings(userDirectorySettingsSchema, process.env);
let directory: UserDirectory | undefined;
let mailer: MediaLifecycleMailer | undefined;

registerMediaAccountLifecycle(() => {
  directory ??= userDirectoryFromSettings(directorySettings);
  mailer ??= createMediaLifecycleMailer({
    apiKey: settings.NOTIFY_API_KEY,
    baseUrl: settings.NOTIFY_BASE_URL,
    reverifyTemplateId: settings.NOTIFY_TEMPLATE_MEDIA_REVERIFY,
    deletedTemplateId: settings.NOTIFY_TEMPLATE_MEDIA_DELETED,
  });
  return {
    database: coreDependencies().database,
    directory,
    mailer,
    links: { signIn: siteUrl('/sign-in'), apply: siteUrl('/create-media-account') },
    now,
  };
});
