import { randomUUID } from 'node:crypto';
import { loadSettings, notifySettingsSchema } from '../../shared/config/settings.js';
import { queues } from '../../shared/storage/names.js';
import { createNotifyMailer, type DigestMailer } from '../../shared/subscriptions/notify-mailer.js';
import { coreDependencies, coreSettings, now } from '../dependencies.js';
import { registerDailySubscriptions } from './registration.js';
import { siteBaseUrl, siteUrlFrom } from '../../shared/config/site-url.js';

coreSettings();
const notify = loadSettings(notifySettingsSchema, process.env);
const siteUrl = siteUrlFrom(siteBaseUrl(process.env));
let mailer: DigestMailer | undefined;

registerDailySubscriptions(
  () => {
    const { database, storage } = coreDependencies();
    return {
      database,
      notifications: storage.queueService.getQueueClient(queues.subscriptionNotifications),
      now,
      newId: randomUUID,
    };
  },
  () => {
    mailer ??= createNotifyMailer({
      apiKey: notify.NOTIFY_API_KEY,
      baseUrl: notify.NOTIFY_BASE_URL,
      templateId: notify.NOTIFY_TEMPLATE_DAILY_DIGEST,
    });
    return { database: coreDependencies().database, mailer, siteUrl };
  },
  { queueName: queues.subscriptionNotifications },
);
