/**
 * The media account emails, through GOV.UK Notify with the official client (as the subscription digests:
 * shared/subscriptions/notify-mailer.ts classifies Notify's answers the same way): the welcome email when an
 * application is approved, and the rejection email with the reasons.
 */
import { NotifyClient } from 'notifications-node-client';
import { classifyNotifyFailure, type DigestSendResult } from '../subscriptions/notify-mailer.js';

export type MediaEmailResult = DigestSendResult;

export interface MediaAccountMailer {
  sendWelcome(
    recipient: string,
    personalisation: { full_name: string; sign_in_link: string },
    reference: string,
  ): Promise<MediaEmailResult>;
  sendRejection(
    recipient: string,
    personalisation: { full_name: string; reasons: string[]; apply_link: string },
    reference: string,
  ): Promise<MediaEmailResult>;
}

export interface MediaAccountMailerSettings {
  apiKey: string;
  baseUrl: string;
  welcomeTemplateId: string;
  rejectionTemplateId: string;
}

/**
 * One email through Notify as a value: 201 is sent, a 400 refused for good; anything else throws
 * NotifyUnavailableError (classifyNotifyFailure), for the caller to treat as not sent. Shared by the media account
 * emails here and the lifecycle's (media-account-lifecycle.ts).
 */
export function notifyEmailSender(settings: { apiKey: string; baseUrl: string }) {
  const client = new NotifyClient(settings.baseUrl, settings.apiKey);
  return async (
    templateId: string,
    recipient: string,
    personalisation: Record<string, string | string[]>,
    reference: string,
  ): Promise<MediaEmailResult> => {
    try {
      const response = await client.sendEmail(templateId, recipient, { personalisation, reference });
      return { kind: 'sent', notificationId: response.data.id };
    } catch (thrown) {
      return classifyNotifyFailure(thrown);
    }
  };
}

/** Notify answers 201 (sent) or 400 (refused for good) as values; anything else throws NotifyUnavailableError. */
export function createMediaAccountMailer(settings: MediaAccountMailerSettings): MediaAccountMailer {
  const send = notifyEmailSender(settings);
  return {
    sendWelcome: (recipient, personalisation, reference) =>
      send(settings.welcomeTemplateId, recipient, personalisation, reference),
    sendRejection: (recipient, personalisation, reference) =>
      send(settings.rejectionTemplateId, recipient, personalisation, reference),
  };
}
