import { randomUUID } from 'node:crypto';
import { loadSettings, notifySettingsSchema } from '../../shared/config/settings.js';
import { queues } from '../../shared/storage/names.js';
import { createNotifyMailer, type DigestMailer } from '../../shared/subscriptions/notify-mailer.js';
import { coreDependencies, coreSettings, now } from '../dependencies.js';
import { registerDailySubscriptions } from './registration.js';
import { siteBaseUrl, siteUrlFrom } from '../../shared/config/site-url.js';
import { NotifyClient } from 'notifications-node-client';
import { containers } from '../../shared/storage/names.js';
import { digestListAttachments, type DigestListAttachments } from '../../shared/digest-attachments/list-attachments.js';

coreSettings();
const notify = loadSettings(notifySettingsSchema, process.env);
const siteUrl = siteUrlFrom(siteBaseUrl(process.env));
let mailer: DigestMailer | undefined;
let attachments: DigestListAttachments | undefined;

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
    const { database, storage } = coreDependencies();
    // Issue 13: the lists attached with the official client's prepareUpload, or linked when above 2 MB.
    const uploads = new NotifyClient(notify.NOTIFY_BASE_URL, notify.NOTIFY_API_KEY);
    attachments ??= digestListAttachments({
      database,
      publications: storage.blobService.getContainerClient(containers.publications),
      prepareUpload: (file, options) => uploads.prepareUpload(file, options),
      siteUrl,
      now,
    });
    return { database, mailer, siteUrl, attachments };
  },
  { queueName: queues.subscriptionNotifications },
);
