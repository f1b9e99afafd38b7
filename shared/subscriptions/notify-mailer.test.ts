/** The mailer against the local Notify endpoint with the real client: what is a value and what is thrown. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalNotify, type LocalNotify } from '../../local/notify/local-notify.js';
import { createNotifyMailer, NotifyUnavailableError } from './notify-mailer.js';

const templateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
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
    const result = await mailer.sendDigest('reporter@example.com', { publications: ['one', 'two'] }, 'digest-1');
    const [sent] = notify.outbox();
    expect(result).toEqual({ kind: 'sent', notificationId: sent?.id });
    expect(sent).toMatchObject({
      recipient: 'reporter@example.com',
      reference: 'digest-1',
      templateId,
      personalisation: { publications: ['one', 'two'] },
    });
  });

  it('answers a 400 as a rejection, not an exception', async () => {
    const mailer = createNotifyMailer({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId });
    expect(await mailer.sendDigest('not-an-email', {}, 'digest-2')).toEqual({
      kind: 'rejected',
      status: 400,
      errors: [{ error: 'ValidationError', message: 'email_address Not a valid email address' }],
    });
  });

  it('throws a 429 and an unreachable Notify, for the queue to retry', async () => {
    const mailer = createNotifyMailer({ apiKey: limited.apiKey, baseUrl: limited.baseUrl, templateId });
    expect((await mailer.sendDigest('reporter@example.com', {}, 'digest-3')).kind).toBe('sent');
    await expect(mailer.sendDigest('reporter@example.com', {}, 'digest-4')).rejects.toMatchObject({
      status: 429,
      code: 'NOTIFY_RATE_LIMITED',
    });

    const gone = await startLocalNotify({ port: 0 });
    await gone.stop();
    const down = createNotifyMailer({ apiKey: gone.apiKey, baseUrl: gone.baseUrl, templateId });
    const failure = await down.sendDigest('reporter@example.com', {}, 'digest-5').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotifyUnavailableError);
    expect(failure).toMatchObject({ status: null, code: 'NOTIFY_UNREACHABLE' });
  });
});
