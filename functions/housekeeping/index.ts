import { coreDependencies, coreSettings, now, pushAnnouncer } from '../dependencies.js';
import { housekeepingSettingsSchema, loadSettings } from '../../shared/config/settings.js';
import { notifyEmailSender } from '../../shared/media-accounts/media-account-mailer.js';
import { containers, queues } from '../../shared/storage/names.js';
import { registerHousekeeping } from './registration.js';

coreSettings();
const settings = loadSettings(housekeepingSettingsSchema, process.env);
let send: ReturnType<typeof notifyEmailSender> | undefined;

registerHousekeeping(() => {
  const core = coreDependencies();
  send ??= notifyEmailSender({ apiKey: settings.NOTIFY_API_KEY, baseUrl: settings.NOTIFY_BASE_URL });
  return {
    database: core.database,
    container: core.storage.blobService.getContainerClient(containers.mediaSubscriberBackups),
    send,
    templateId: settings.NOTIFY_TEMPLATE_NO_MATCH_REPORT,
    recipient: settings.SERVICE_TEAM_EMAIL,
    now,
    // The stranded submission sweep publishes as blob-uploaded does, with the same queues.
    publications: core.storage.blobService.getContainerClient(containers.publications),
    renditions: core.storage.queueService.getQueueClient(queues.publicationRenditions),
    pushes: pushAnnouncer(),
  };
});
