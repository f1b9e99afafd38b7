/** The mailer against the local Notify endpoint with the real client: what is a value and what is thrown. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalNotify, type LocalNotify } from '../../local/notify/local-notify.js';
import { createNotifyMailer, NotifyUnavailableError, type DigestEmailToSend } from './notify-mailer.js';

const templateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const welshTemplateId = '0b7c5d1e-3f2a-4c8b-9d6e-5a4f3e2d1c0b';
const email = (
  recipient: string,
  personalisation: Record<string, string | string[]>,
  reference: string,
  language: 'en' | 'cy' = 'en',
): DigestEmailToSend => ({
  recipient,
  personalisation,
  reference,
  language,
  oneClickUnsubscribeUrl: `https://pip.example/unsubscribe/${reference}`,
});
let notify: LocalNotify;
let limited: LocalNotify;

beforeAll(async () => {
  [notify, limited] = await Promise.all([
    startLocalNotify({ port: 0 }),
    startLocalNotify({ port: 0, rateLimit: { requests: 1, windowSeconds: 60 } }),
  ]);
});

afterAll(async () => {
  await Promise.all([notify.stop(), limited.stop()]);
});

describe('createNotifyMailer', () => {
  it('sends with the reference and answers the notification id', async () => {
    const mailer = createNotifyMailer({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId });
    const result = await mailer.sendDigest(email('reporter@example.com', { publications: ['one', 'two'] }, 'digest-1'));
    const [sent] = notify.outbox();
    expect(result).toEqual({ kind: 'sent', notificationId: sent?.id });
    expect(sent).toMatchObject({
      recipient: 'reporter@example.com',
      reference: 'digest-1',
      templateId,
      personalisation: { publications: ['one', 'two'] },
    });
    expect(sent?.id).toBeTruthy();
  });

  it('sends in Welsh with the Welsh template, and finds a sent email by its reference', async () => {
    const mailer = createNotifyMailer({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId, welshTemplateId });
    const result = await mailer.sendDigest(email('gohebydd@example.com', { publications: ['un'] }, 'digest-cy', 'cy'));
    const sent = notify.outbox().find((e) => e.reference === 'digest-cy');
    expect(sent?.templateId).toBe(welshTemplateId);
    expect(result).toEqual({ kind: 'sent', notificationId: sent?.id });
    expect(await mailer.findSentByReference('digest-cy')).toBe(sent?.id);
    expect(await mailer.findSentByReference('never-sent')).toBeNull();
  });

  it('answers a 403 as a rejection, and throws a 5xx for a retry', async () => {
    const wrongKey = createNotifyMailer({
      apiKey: 'other-5e1f0c2a-7d3b-4c9e-8a61-2f4b9d0e7c13-00000000-1f97-4d35-b0e8-6c2a9f41d573',
      baseUrl: notify.baseUrl,
      templateId,
    });
    expect(await wrongKey.sendDigest(email('reporter@example.com', {}, 'digest-403'))).toMatchObject({
      kind: 'rejected',
      status: 403,
    });
    notify.failNextSends(1, 503);
    const mailer = createNotifyMailer({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId });
    await expect(mailer.sendDigest(email('reporter@example.com', {}, 'digest-503'))).rejects.toMatchObject({
      status: 503,
      code: 'NOTIFY_SERVER_ERROR',
    });
    expect((await mailer.sendDigest(email('reporter@example.com', {}, 'digest-503'))).kind).toBe('sent');
  });

  it('answers a 400 as a rejection, not an exception', async () => {
    const mailer = createNotifyMailer({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId });
    expect(await mailer.sendDigest(email('not-an-email', {}, 'digest-2'))).toEqual({
      kind: 'rejected',
      status: 400,
      errors: [{ error: 'ValidationError', message: 'email_address Not a valid email address' }],
    });
  });

  it('throws a 429 and an unreachable Notify, for the queue to retry', async () => {
    const mailer = createNotifyMailer({ apiKey: limited.apiKey, baseUrl: limited.baseUrl, templateId });
    expect((await mailer.sendDigest(email('reporter@example.com', {}, 'digest-3'))).kind).toBe('sent');
    await expect(mailer.sendDigest(email('reporter@example.com', {}, 'digest-4'))).rejects.toMatchObject({
      status: 429,
      code: 'NOTIFY_RATE_LIMITED',
    });

    const gone = await startLocalNotify({ port: 0 });
    await gone.stop();
    const down = createNotifyMailer({ apiKey: gone.apiKey, baseUrl: gone.baseUrl, templateId });
    const failure = await down
      .sendDigest(email('reporter@example.com', {}, 'digest-5'))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotifyUnavailableError);
    expect(failure).toMatchObject({ status: null, code: 'NOTIFY_UNREACHABLE' });
  });
});
