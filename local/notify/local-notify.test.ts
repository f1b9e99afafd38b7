import { SignJWT } from 'jose';
import { NotifyClient } from 'notifications-node-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_NOTIFY_API_KEY, isValidEmailAddress, startLocalNotify } from './local-notify.js';
import type { LocalNotify } from './local-notify.js';

const TEMPLATE_ID = '4f1c7b8e-2d3a-4e5f-9a6b-7c8d9e0f1a2b';
const OTHER_SERVICE_ID = '11111111-2222-4333-8444-555555555555';
const SECRET = LOCAL_NOTIFY_API_KEY.slice(-36);
const SERVICE_ID = LOCAL_NOTIFY_API_KEY.slice(-73, -37);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Awaits a request that must fail and returns what axios saw (the client surfaces Notify's body unchanged). */
async function failure(request: Promise<unknown>): Promise<{ status: unknown; data: unknown }> {
  try {
    await request;
  } catch (error) {
    if (isRecord(error) && isRecord(error.response))
      return { status: error.response.status, data: error.response.data };
    throw error;
  }
  throw new Error('expected the request to fail');
}

const notifyError = (statusCode: number, error: string, message: string) => ({
  status: statusCode,
  data: { status_code: statusCode, errors: [{ error, message }] },
});

async function localToken(options: { iss?: string; iatOffsetSeconds?: number } = {}): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.iss ?? SERVICE_ID)
    .setIssuedAt(Math.round(Date.now() / 1000) + (options.iatOffsetSeconds ?? 0))
    .sign(new TextEncoder().encode(SECRET));
}

describe('local GOV.UK Notify', () => {
  let notify: LocalNotify;
  let client: NotifyClient;

  beforeAll(async () => {
    notify = await startLocalNotify({ port: 0 });
    client = new NotifyClient(notify.baseUrl, notify.apiKey);
  });

  afterAll(async () => {
    await notify.stop();
  });

  afterEach(() => {
    vi.restoreAllMocks();
    notify.clear();
  });

  it('uses the default key, whose service id is the one the client derives', () => {
    expect(notify.apiKey).toBe(LOCAL_NOTIFY_API_KEY);
    expect(notify.serviceId).toBe(SERVICE_ID);
    expect(notify.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('records sent emails in the outbox, newest first, and answers with Notify’s response shape', async () => {
    const first = await client.sendEmail(TEMPLATE_ID, 'first@example.gov.uk', {
      personalisation: { court: 'Oxford Combined Court', list_date: '2 June 2025' },
      reference: 'sub-001',
    });
    const second = await client.sendEmail(TEMPLATE_ID, 'second@example.com', {
      personalisation: { court: 'Leeds Magistrates' },
      reference: 'sub-002',
      emailReplyToId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      oneClickUnsubscribeURL: 'https://pip.example.gov.uk/unsubscribe?token=abc',
    });

    expect(first.status).toBe(201);
    expect(first.data).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      reference: 'sub-001',
      uri: `${notify.baseUrl}/v2/notifications/${first.data.id}`,
      template: {
        id: TEMPLATE_ID,
        version: 1,
        uri: `${notify.baseUrl}/services/${SERVICE_ID}/templates/${TEMPLATE_ID}`,
      },
      scheduled_for: null,
      content: {
        subject: expect.any(String) as unknown,
        body: 'court: Oxford Combined Court\nlist_date: 2 June 2025',
        from_email: expect.stringContaining('@') as unknown,
        one_click_unsubscribe_url: null,
      },
    });
    expect(second.data.content.one_click_unsubscribe_url).toBe('https://pip.example.gov.uk/unsubscribe?token=abc');

    const outbox = notify.outbox();
    expect(outbox.map((email) => email.id)).toEqual([second.data.id, first.data.id]);
    expect(outbox[0]).toEqual({
      id: second.data.id,
      reference: 'sub-002',
      recipient: 'second@example.com',
      templateId: TEMPLATE_ID,
      personalisation: { court: 'Leeds Magistrates' },
      attachments: [],
      emailReplyToId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      oneClickUnsubscribeUrl: 'https://pip.example.gov.uk/unsubscribe?token=abc',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
    });
    expect(outbox[1]).toMatchObject({
      recipient: 'first@example.gov.uk',
      reference: 'sub-001',
      personalisation: { court: 'Oxford Combined Court', list_date: '2 June 2025' },
      emailReplyToId: null,
    });

    // outbox() hands out copies.
    outbox[0]?.attachments.push({
      personalisationKey: 'x',
      filename: null,
      sizeBytes: 0,
      confirmEmailBeforeDownload: null,
      retentionPeriod: null,
    });
    expect(notify.outbox()[0]?.attachments).toEqual([]);

    notify.clear();
    expect(notify.outbox()).toEqual([]);
  });

  it('serves getNotificationById and getNotifications', async () => {
    const sent = await client.sendEmail(TEMPLATE_ID, 'reader@example.com', {
      personalisation: { name: 'Sam' },
      reference: 'ref-a',
    });
    const other = await client.sendEmail(TEMPLATE_ID, 'other@example.com', { reference: 'ref-b' });

    const one = await client.getNotificationById(sent.data.id);
    expect(one.status).toBe(200);
    expect(one.data).toMatchObject({
      id: sent.data.id,
      reference: 'ref-a',
      email_address: 'reader@example.com',
      phone_number: null,
      type: 'email',
      status: 'delivered',
      template: { id: TEMPLATE_ID, version: 1 },
      body: 'name: Sam',
    });

    const all = await client.getNotifications();
    expect(all.data.notifications.map((n) => n.id)).toEqual([other.data.id, sent.data.id]);
    expect(all.data.links.current).toBe(`${notify.baseUrl}/v2/notifications`);

    const byReference = await client.getNotifications('email', 'delivered', 'ref-a');
    expect(byReference.data.notifications.map((n) => n.id)).toEqual([sent.data.id]);
    const sms = await client.getNotifications('sms');
    expect(sms.data.notifications).toEqual([]);
    const older = await client.getNotifications(undefined, undefined, undefined, other.data.id);
    expect(older.data.notifications.map((n) => n.id)).toEqual([sent.data.id]);

    expect(await failure(client.getNotificationById('6b1f1b52-0000-4000-8000-000000000000'))).toEqual(
      notifyError(404, 'NoResultFound', 'No result found'),
    );
    expect(await failure(client.getNotificationById('not-a-uuid'))).toEqual(
      notifyError(400, 'ValidationError', 'notification_id is not a valid UUID'),
    );
  });

  describe('authentication', () => {
    it('rejects a key with the wrong secret', async () => {
      const wrongSecret = new NotifyClient(notify.baseUrl, `${LOCAL_NOTIFY_API_KEY.slice(0, -36)}${OTHER_SERVICE_ID}`);
      expect(await failure(wrongSecret.sendEmail(TEMPLATE_ID, 'a@example.com'))).toEqual(
        notifyError(403, 'AuthError', 'Invalid token: API key not found'),
      );
      expect(notify.outbox()).toEqual([]);
    });

    it('rejects a key for another service', async () => {
      const otherService = new NotifyClient(notify.baseUrl, `local-${OTHER_SERVICE_ID}-${SECRET}`);
      expect(await failure(otherService.getNotifications())).toEqual(
        notifyError(403, 'AuthError', 'Invalid token: service not found'),
      );
    });

    it('rejects a token whose iat is more than 30 seconds off, either way', async () => {
      const realNow = Date.now();
      for (const skewMs of [-45_000, 45_000]) {
        // jsonwebtoken signs synchronously inside sendEmail, so only the token sees the skewed clock.
        vi.spyOn(Date, 'now').mockReturnValue(realNow + skewMs);
        const request = client.sendEmail(TEMPLATE_ID, 'a@example.com');
        vi.restoreAllMocks();
        expect(await failure(request)).toEqual(
          notifyError(403, 'AuthError', 'Error: Your system clock must be accurate to within 30 seconds'),
        );
      }

      vi.spyOn(Date, 'now').mockReturnValue(realNow - 20_000);
      const withinTolerance = client.sendEmail(TEMPLATE_ID, 'a@example.com');
      vi.restoreAllMocks();
      expect((await withinTolerance).status).toBe(201);
    });

    it('requires a bearer token', async () => {
      const missing = await fetch(`${notify.baseUrl}/v2/notifications`);
      expect(missing.status).toBe(401);
      expect(await missing.json()).toEqual({
        status_code: 401,
        errors: [{ error: 'AuthError', message: 'Unauthorized: authentication token must be provided' }],
      });

      const basic = await fetch(`${notify.baseUrl}/v2/notifications`, { headers: { Authorization: 'Basic abc' } });
      expect(basic.status).toBe(401);

      const garbage = await fetch(`${notify.baseUrl}/v2/notifications`, { headers: { Authorization: 'Bearer nope' } });
      expect(await garbage.json()).toEqual({
        status_code: 403,
        errors: [{ error: 'AuthError', message: 'Invalid token: signature, api token is not valid' }],
      });

      const ok = await fetch(`${notify.baseUrl}/v2/notifications`, {
        headers: { Authorization: `Bearer ${await localToken()}` },
      });
      expect(ok.status).toBe(200);
    });
  });

  describe('validation', () => {
    it('rejects an invalid email address', async () => {
      for (const address of ['not-an-email', 'someone@localhost', 'a..b@example.com', 'x@example.c']) {
        expect(await failure(client.sendEmail(TEMPLATE_ID, address))).toEqual(
          notifyError(400, 'ValidationError', 'email_address Not a valid email address'),
        );
      }
      expect(notify.outbox()).toEqual([]);
    });

    it('rejects a missing or malformed template_id and a missing email_address', async () => {
      expect(await failure(client.sendEmail(undefined as unknown as string, 'a@example.com'))).toEqual(
        notifyError(400, 'ValidationError', 'template_id is a required property'),
      );
      expect(await failure(client.sendEmail('template-1', 'a@example.com'))).toEqual(
        notifyError(400, 'ValidationError', 'template_id is not a valid UUID'),
      );
      expect(await failure(client.sendEmail('template-1', undefined as unknown as string))).toEqual({
        status: 400,
        data: {
          status_code: 400,
          errors: [
            { error: 'ValidationError', message: 'template_id is not a valid UUID' },
            { error: 'ValidationError', message: 'email_address is a required property' },
          ],
        },
      });
      expect(notify.outbox()).toEqual([]);
    });

    it('rejects a body that is not JSON', async () => {
      const response = await fetch(`${notify.baseUrl}/v2/notifications/email`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await localToken()}`, 'Content-Type': 'application/json' },
        body: '{"email_address": ',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        status_code: 400,
        errors: [{ error: 'BadRequestError', message: 'Invalid JSON supplied in POST data' }],
      });
    });

    it('accepts the address forms Notify accepts', () => {
      expect(isValidEmailAddress('first.last+tag@sub.example.gov.uk')).toBe(true);
      expect(isValidEmailAddress(' padded@example.com ')).toBe(true);
      expect(isValidEmailAddress('user@bücher.example')).toBe(true);
      expect(isValidEmailAddress('user@-bad.example.com')).toBe(false);
      expect(isValidEmailAddress('"quoted"@example.com')).toBe(false);
    });
  });

  describe('attachments', () => {
    it('records prepareUpload files by name and size, without keeping the base64', async () => {
      const file = Buffer.alloc(150_000, 'hearing list line\n');
      const upload = client.prepareUpload(file, {
        filename: 'daily-cause-list.pdf',
        confirmEmailBeforeDownload: false,
        retentionPeriod: '4 weeks',
      });
      const sent = await client.sendEmail(TEMPLATE_ID, 'subscriber@example.com', {
        personalisation: { name: 'Sam', link_to_file: upload },
      });

      const [email] = notify.outbox();
      expect(email?.attachments).toEqual([
        {
          personalisationKey: 'link_to_file',
          filename: 'daily-cause-list.pdf',
          sizeBytes: 150_000,
          confirmEmailBeforeDownload: false,
          retentionPeriod: '4 weeks',
        },
      ]);
      expect(email?.personalisation).toEqual({
        name: 'Sam',
        link_to_file: { attachment: 'daily-cause-list.pdf', sizeBytes: 150_000 },
      });
      const kept = JSON.stringify(notify.outbox());
      expect(kept).not.toContain(upload.file.slice(0, 64));
      expect(kept.length).toBeLessThan(1_000);

      const fetched = await client.getNotificationById(sent.data.id);
      expect(JSON.stringify(fetched.data)).not.toContain(upload.file.slice(0, 64));

      const unnamed = client.prepareUpload(Buffer.from('a,b\n1,2\n'));
      await client.sendEmail(TEMPLATE_ID, 'subscriber@example.com', { personalisation: { csv: unnamed } });
      expect(notify.outbox()[0]?.attachments).toEqual([
        {
          personalisationKey: 'csv',
          filename: null,
          sizeBytes: 8,
          confirmEmailBeforeDownload: null,
          retentionPeriod: null,
        },
      ]);
    });

    it('rejects files over 2 MB as Notify does', async () => {
      const tooBig = Buffer.alloc(2 * 1024 * 1024 + 2048, 1);
      let thrown: unknown;
      try {
        client.prepareUpload(tooBig, { filename: 'big.pdf' });
      } catch (error) {
        thrown = error;
      }
      // The client refuses first, and throws a plain string rather than an Error.
      expect(thrown).toBe('File is larger than 2MB.');

      // A caller that skips prepareUpload meets the service's own limit.
      const raw = { file: tooBig.toString('base64'), filename: 'big.pdf', confirm_email_before_download: null };
      expect(
        await failure(client.sendEmail(TEMPLATE_ID, 'a@example.com', { personalisation: { link_to_file: raw } })),
      ).toEqual(notifyError(400, 'BadRequestError', 'Uploaded file exceeds file size limit'));
      expect(notify.outbox()).toEqual([]);
    });

    it('rejects attachment options Notify rejects', async () => {
      const send = (options: Parameters<NotifyClient['prepareUpload']>[1]) =>
        failure(
          client.sendEmail(TEMPLATE_ID, 'a@example.com', {
            personalisation: { f: client.prepareUpload(Buffer.from('x'), options) },
          }),
        );
      expect(await send({ filename: 'list.html' })).toEqual(
        notifyError(
          400,
          'BadRequestError',
          "Unsupported file type '.html'. Supported types are: '.csv', '.doc', '.docx', '.json', '.odt', '.pdf', '.rtf', '.txt', '.xlsx'",
        ),
      );
      expect(await send({ filename: 'list' })).toEqual(
        notifyError(400, 'BadRequestError', '`filename` must end with a file extension. For example, filename.csv'),
      );
      expect(await send({ retentionPeriod: '79 weeks' })).toEqual(
        notifyError(
          400,
          'BadRequestError',
          "Unsupported value for retention_period '79 weeks'. Supported periods are from 1 to 78 weeks.",
        ),
      );
    });
  });
});

describe('rate limit', () => {
  it('answers 429 RateLimitError past the per-service limit, and recovers when the window slides', async () => {
    let now = new Date('2026-03-01T10:00:00Z');
    const notify = await startLocalNotify({ rateLimit: { requests: 3, windowSeconds: 1 }, now: () => now });
    try {
      const client = new NotifyClient(notify.baseUrl, notify.apiKey);
      for (let i = 0; i < 3; i += 1) {
        expect((await client.sendEmail(TEMPLATE_ID, `user${i}@example.com`)).status).toBe(201);
      }
      expect(await failure(client.sendEmail(TEMPLATE_ID, 'user3@example.com'))).toEqual(
        notifyError(429, 'RateLimitError', 'Exceeded rate limit for key type LIVE of 3 requests per 1 seconds'),
      );
      expect(notify.outbox()).toHaveLength(3);

      // Reads are not rate limited.
      expect((await client.getNotifications()).status).toBe(200);

      now = new Date('2026-03-01T10:00:01Z'); // the window has slid past the first three
      expect((await client.sendEmail(TEMPLATE_ID, 'user4@example.com')).status).toBe(201);
      expect(notify.counters()).toEqual({ sendsReceived: 5, rateLimited: 1, injected: {} });
    } finally {
      await notify.stop();
    }
  });

  it('answers the next sends 429 or 5xx when told to (a storm or an outage), then sends again', async () => {
    const notify = await startLocalNotify();
    try {
      const client = new NotifyClient(notify.baseUrl, notify.apiKey);
      notify.failNextSends(2, 429);
      for (let i = 0; i < 2; i += 1) {
        expect(await failure(client.sendEmail(TEMPLATE_ID, 'user@example.com'))).toEqual(
          notifyError(429, 'RateLimitError', 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds'),
        );
      }
      notify.failNextSends(1, 500);
      expect(await failure(client.sendEmail(TEMPLATE_ID, 'user@example.com'))).toEqual(
        notifyError(500, 'Exception', 'Internal server error'),
      );
      expect((await client.sendEmail(TEMPLATE_ID, 'user@example.com')).status).toBe(201);
      expect(notify.outbox()).toHaveLength(1);
      expect(notify.counters()).toEqual({ sendsReceived: 4, rateLimited: 2, injected: { 429: 2, 500: 1 } });
    } finally {
      await notify.stop();
    }
  });

  it('fails sends for a while on its own clock, with 401 and 403 as Notify answers them, switched over HTTP too', async () => {
    let now = new Date('2026-03-01T10:00:00Z');
    const notify = await startLocalNotify({ now: () => now });
    const fault = (request: unknown, method = 'POST') =>
      fetch(`${notify.baseUrl}/_local/fail-sends`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify(request) } : {}),
      });
    try {
      const client = new NotifyClient(notify.baseUrl, notify.apiKey);
      const send = () => client.sendEmail(TEMPLATE_ID, 'user@example.com');
      expect((await fault({ status: 500, seconds: 60 })).status).toBe(204);
      expect(await failure(send())).toEqual(notifyError(500, 'Exception', 'Internal server error'));
      now = new Date('2026-03-01T10:00:59Z');
      expect(await failure(send())).toEqual(notifyError(500, 'Exception', 'Internal server error'));
      now = new Date('2026-03-01T10:01:00Z'); // the while is over
      expect((await send()).status).toBe(201);

      notify.failSends(401);
      expect(await failure(send())).toEqual(
        notifyError(401, 'AuthError', 'Unauthorized: authentication token must be provided'),
      );
      notify.failSends(403, { count: 1 });
      expect(await failure(send())).toEqual(notifyError(403, 'AuthError', 'Invalid token: API key not found'));
      expect((await send()).status).toBe(201);

      expect((await fault({ status: 429 })).status).toBe(204);
      expect((await failure(send())).status).toBe(429);
      expect((await fault(null, 'DELETE')).status).toBe(204);
      expect((await send()).status).toBe(201);
      expect((await fault({ status: 404 })).status).toBe(400);
      expect(notify.counters()).toEqual({
        sendsReceived: 8,
        rateLimited: 1,
        injected: { 500: 2, 401: 1, 403: 1, 429: 1 },
      });
      expect(notify.outbox()).toHaveLength(3);
    } finally {
      await notify.stop();
    }
  });
});

describe('outbox bound and configuration', () => {
  it('keeps only the newest emails', async () => {
    const notify = await startLocalNotify({ outboxLimit: 3 });
    try {
      const client = new NotifyClient(notify.baseUrl, notify.apiKey);
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        ids.push((await client.sendEmail(TEMPLATE_ID, `user${i}@example.com`)).data.id);
      }
      expect(notify.outbox().map((email) => email.id)).toEqual([ids[4], ids[3], ids[2]]);
      expect(await failure(client.getNotificationById(ids[0] ?? ''))).toEqual(
        notifyError(404, 'NoResultFound', 'No result found'),
      );
    } finally {
      await notify.stop();
    }
  });

  it('accepts a custom key and refuses a malformed one', async () => {
    const apiKey = `pip_dev-${OTHER_SERVICE_ID}-0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0`;
    const notify = await startLocalNotify({ apiKey });
    try {
      expect(notify.serviceId).toBe(OTHER_SERVICE_ID);
      const client = new NotifyClient(notify.baseUrl, apiKey);
      expect((await client.sendEmail(TEMPLATE_ID, 'a@example.com')).status).toBe(201);
      const defaultKeyClient = new NotifyClient(notify.baseUrl, LOCAL_NOTIFY_API_KEY);
      expect(await failure(defaultKeyClient.sendEmail(TEMPLATE_ID, 'a@example.com'))).toEqual(
        notifyError(403, 'AuthError', 'Invalid token: service not found'),
      );
    } finally {
      await notify.stop();
    }
    await expect(startLocalNotify({ apiKey: 'not-a-key' })).rejects.toThrow(/apiKey must look like/);
  });
});
