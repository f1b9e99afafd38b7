import { loadSettings, mediaLifecycleSettingsSchema } from '../../shared/config/settings.js';
import {
  localMediaAccountDirectory,
  unconfiguredMediaAccountDirectory,
} from '../../shared/media-accounts/media-account-directory.js';
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
// Locally the local identity provider; in Azure none until the Microsoft Graph directory (issue 19): deletions then
// fail visibly, are audited, and the accounts are kept until a run succeeds.
const directory =
  settings.LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL === undefined
    ? unconfiguredMediaAccountDirectory
    : localMediaAccountDirectory(settings.LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL);
let mailer: MediaLifecycleMailer | undefined;

registerMediaAccountLifecycle(() => {
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
