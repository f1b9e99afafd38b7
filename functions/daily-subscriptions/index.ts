import { randomUUID } from 'node:crypto';
import { digestSettingsSchema, loadSettings } from '../../shared/config/settings.js';
import { queues } from '../../shared/storage/names.js';
import { createNotifyMailer, type DigestMailer } from '../../shared/subscriptions/notify-mailer.js';
import { unsubscribeLinkSettingsSchema } from '../../shared/subscriptions/unsubscribe-links.js';
import { coreDependencies, coreSettings, now } from '../dependencies.js';
import { registerDailySubscriptions } from './registration.js';
import { siteBaseUrl, siteUrlFrom } from '../../shared/config/site-url.js';
import { NotifyClient } from 'notifications-node-client';
import { containers } from '../../shared/storage/names.js';
import { digestListAttachments, type DigestListAttachments } from '../../shared/digest-attachments/list-attachments.js';

coreSettings();
const digest = loadSettings(digestSettingsSchema, process.env);
const { UNSUBSCRIBE_LINK_KEYS: unsubscribeLinkKeys } = loadSettings(unsubscribeLinkSettingsSchema, process.env);
const siteUrl = siteUrlFrom(siteBaseUrl(process.env));
let mailer: DigestMailer | undefined;
let attachments: DigestListAttachments | undefined;

const notifications = () => coreDependencies().storage.queueService.getQueueClient(queues.subscriptionNotifications);

registerDailySubscriptions(
  () => ({
    database: coreDependencies().database,
    notifications: notifications(),
    now,
    newId: randomUUID,
    sendsPerMinute: digest.DIGEST_SENDS_PER_MINUTE,
  }),
  () => {
    mailer ??= createNotifyMailer({
      apiKey: digest.NOTIFY_API_KEY,
      baseUrl: digest.NOTIFY_BASE_URL,
      templateId: digest.NOTIFY_TEMPLATE_DAILY_DIGEST,
      welshTemplateId: digest.NOTIFY_TEMPLATE_DAILY_DIGEST_CY,
    });
    const { database, storage } = coreDependencies();
    // The lists attached with the official client's prepareUpload, or linked when above 2 MB.
    const uploads = new NotifyClient(digest.NOTIFY_BASE_URL, digest.NOTIFY_API_KEY);
    attachments ??= digestListAttachments({
      database,
      publications: storage.blobService.getContainerClient(containers.publications),
      prepareUpload: (file, options) => uploads.prepareUpload(file, options),
      siteUrl,
      now,
    });
    return {
      database,
      mailer,
      siteUrl,
      attachments,
      notifications: notifications(),
      unsubscribeLinkKeys,
      retry: {
        baseSeconds: digest.DIGEST_RETRY_BASE_SECONDS,
        maxSeconds: digest.DIGEST_RETRY_MAX_SECONDS,
        maxAttempts: digest.DIGEST_MAX_ATTEMPTS,
      },
      now,
    };
  },
  { queueName: queues.subscriptionNotifications },
);
