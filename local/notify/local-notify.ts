// A local stand-in for GOV.UK Notify's v2 API, with an in-memory outbox.
//
// It implements enough of the real contract that the unmodified `notifications-node-client`
// (`new NotifyClient(baseUrl, apiKey)`) works against it:
//   POST /v2/notifications/email   send an email (recorded in the outbox)
//   GET  /v2/notifications/{id}    one notification (status is always "delivered")
//   GET  /v2/notifications         newest first, 250 a page, filters reference/status/template_type/older_than
// and, for trials and benches (not part of Notify), a fault switch over HTTP:
//   POST   /_local/fail-sends      {"status": 429|500|503|401|403, "count"?: n, "seconds"?: s}: the next email sends
//                                  are answered with that status (for `count` sends, for `seconds` on its clock, or
//                                  until cleared), as Notify answers it
//   DELETE /_local/fail-sends      sends succeed again
// Authentication, validation, attachment and rate-limit errors use Notify's status codes, error
// types and messages (taken from alphagov/notifications-api and document-download-api).
// Templates are not modelled: any template id in UUID form is accepted and rendered generically.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { domainToASCII } from 'node:url';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { z } from 'zod';

export interface OutboxAttachment {
  personalisationKey: string;
  filename: string | null;
  sizeBytes: number;
  confirmEmailBeforeDownload: boolean | null;
  retentionPeriod: string | null;
}

export interface OutboxEmail {
  id: string;
  reference: string | null;
  recipient: string;
  templateId: string;
  /** Attachments are replaced by `{ attachment: filename, sizeBytes }`; the file itself is never kept. */
  personalisation: Record<string, unknown>;
  attachments: OutboxAttachment[];
  emailReplyToId: string | null;
  /** The one_click_unsubscribe_url sent (Notify makes the List-Unsubscribe headers of it). */
  oneClickUnsubscribeUrl: string | null;
  createdAt: string;
}

export interface LocalNotify {
  baseUrl: string;
  apiKey: string;
  serviceId: string;
  /** Newest first; each call returns copies. */
  outbox(): OutboxEmail[];
  clear(): void;
  /**
   * Answers the next `count` email sends with `status` as Notify does (429: its RateLimitError; 500: its
   * Exception), before looking at them: a rate-limit storm or an outage, for tests of retries.
   */
  failNextSends(count: number, status: InjectedSendFailure): void;
  /**
   * Answers email sends with `status` for a while: the next `count` sends, or those received in the next `seconds` of
   * this server's clock (`now`), or both (whichever ends first), or until `stopFailingSends`. 429 is Notify's
   * RateLimitError, 5xx its Exception, 401 and 403 its AuthError (no token; a revoked key). Also over HTTP:
   * `POST /_local/fail-sends`.
   */
  failSends(status: InjectedSendFailure, duration?: { count?: number; seconds?: number }): void;
  stopFailingSends(): void;
  /**
   * Email sends received, how many of them were answered 429 (the rate limit or an injected failure), and how many
   * were answered an injected failure of each status.
   */
  counters(): { sendsReceived: number; rateLimited: number; injected: Partial<Record<InjectedSendFailure, number>> };
  stop(): Promise<void>;
}

/** What the fault switch can make Notify answer an email send. */
export type InjectedSendFailure = 429 | 500 | 503 | 401 | 403;
const injectableStatuses: readonly number[] = [429, 500, 503, 401, 403];

export interface LocalNotifyOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** `{name}-{service uuid}-{secret uuid}`; default LOCAL_NOTIFY_API_KEY. */
  apiKey?: string;
  /** Default Notify's live limit: 3,000 requests per 60 seconds per service. */
  rateLimit?: { requests: number; windowSeconds: number };
  /** How many emails the outbox keeps (newest win). Default 1,000. */
  outboxLimit?: number;
  /** The time the rate limit window slides by, and injected failures last by; default the system clock. Tests move their own. */
  now?: () => Date;
}

/** Syntactically a real Notify key (`{name}-{service id}-{secret}`); only ever valid against this local server. */
export const LOCAL_NOTIFY_API_KEY = 'local-5e1f0c2a-7d3b-4c9e-8a61-2f4b9d0e7c13-a8c4e2b6-1f97-4d35-b0e8-6c2a9f41d573';

const DEFAULT_RATE_LIMIT = { requests: 3000, windowSeconds: 60 };
// The outbox lives in memory only. It is bounded so a long-running local runtime cannot grow
// without limit: only the newest DEFAULT_OUTBOX_LIMIT emails are kept, older ones are dropped
// (and then also answer 404 on GET /v2/notifications/{id}).
const DEFAULT_OUTBOX_LIMIT = 1000;
/** Notify accepts a JWT whose `iat` is within 30 seconds either side of its clock. */
const CLOCK_TOLERANCE_SECONDS = 30;
const PAGE_SIZE = 250;
/** document-download-api's MAX_DECODED_FILE_SIZE: 2 MiB plus 1 KiB of slack. */
const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024 + 1024;
const MAX_FILENAME_LENGTH = 100;
const ALLOWED_FILE_EXTENSIONS = ['csv', 'doc', 'docx', 'json', 'odt', 'pdf', 'rtf', 'txt', 'xlsx'];
/** Request bodies above this are refused outright (several 2 MB files base64-encoded fit comfortably). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const FROM_EMAIL = 'local.notify@notifications.service.gov.uk';
const NOTIFICATION_STATUSES = [
  'cancelled',
  'created',
  'sending',
  'sent',
  'delivered',
  'pending',
  'failed',
  'technical-failure',
  'temporary-failure',
  'permanent-failure',
  'pending-virus-check',
  'validation-failed',
  'virus-scan-failed',
  'returned-letter',
  'accepted',
  'received',
];
const TEMPLATE_TYPES = ['sms', 'email', 'letter'];
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type NotifyErrorType =
  'AuthError' | 'BadRequestError' | 'ValidationError' | 'RateLimitError' | 'NoResultFound' | 'Exception';

/** Answers `{ status_code, errors: [{ error, message }] }`, Notify's v2 error body. */
class NotifyApiError extends Error {
  readonly statusCode: number;
  readonly errors: { error: NotifyErrorType; message: string }[];

  constructor(statusCode: number, error: NotifyErrorType, messages: string | string[]) {
    const list = typeof messages === 'string' ? [messages] : messages;
    super(list.join('; '));
    this.statusCode = statusCode;
    this.errors = list.map((message) => ({ error, message }));
  }
}

interface StoredNotification {
  email: OutboxEmail;
  subject: string;
  body: string;
  oneClickUnsubscribeUrl: string | null;
}

function parseApiKey(apiKey: string): { serviceId: string; secret: string } {
  // Same slicing as notifications-node-client: the last 73 characters are `{service id}-{secret}`.
  const serviceId = apiKey.slice(-73, -37);
  const secret = apiKey.slice(-36);
  if (apiKey.length < 74 || apiKey.at(-37) !== '-' || !UUID_PATTERN.test(serviceId) || !UUID_PATTERN.test(secret)) {
    throw new Error('Local Notify: apiKey must look like {key name}-{service id uuid}-{secret uuid}');
  }
  return { serviceId: serviceId.toLowerCase(), secret };
}

// ---------------------------------------------------------------------------------------------
// Request validation (zod), producing the messages Notify's JSON-schema validation produces.

/** Roughly Python's repr() with quotes stripped, as Notify formats a value in a type error. */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value).replaceAll('"', '');
}

const requiredProperty = (field: string): string => `${field} is a required property`;
const notOfType = (field: string, input: unknown, type: string): string =>
  `${field} ${describeValue(input)} is not of type ${type}`.replaceAll("'", '');

// notifications-utils validate_email_address, which Notify applies to `email_address`.
const EMAIL_LOCAL_AND_HOST = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@([^.@][^@\s]+)$/;
const HOSTNAME_PART = /^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$/i;
const TLD_PART = /^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$/i;
const OBSCURE_WHITESPACE = /\u180E|\u200B|\u200C|\u200D|\u2060|\uFEFF/g;

export function isValidEmailAddress(candidate: string): boolean {
  const email = candidate.trim().replace(OBSCURE_WHITESPACE, '');
  const match = EMAIL_LOCAL_AND_HOST.exec(email);
  if (!match || email.length > 320 || email.includes('..')) return false;
  const hostname = domainToASCII(match[1] ?? '');
  const parts = hostname.split('.');
  if (hostname === '' || hostname.length > 253 || parts.length < 2) return false;
  if (!parts.every((part) => part.length > 0 && part.length <= 63 && HOSTNAME_PART.test(part))) return false;
  return TLD_PART.test(parts.at(-1) ?? '');
}

const uuidField = (field: string) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? requiredProperty(field) : `${field} is not a valid UUID`),
    })
    .regex(UUID_PATTERN, { error: `${field} is not a valid UUID` });

const postEmailRequestSchema = z.object(
  {
    reference: z.string({ error: (issue) => notOfType('reference', issue.input, 'string') }).optional(),
    email_address: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? requiredProperty('email_address')
            : notOfType('email_address', issue.input, 'string'),
      })
      .refine(isValidEmailAddress, { error: 'email_address Not a valid email address' }),
    template_id: uuidField('template_id'),
    email_reply_to_id: uuidField('email_reply_to_id').optional(),
    personalisation: z
      .record(z.string(), z.unknown(), { error: (issue) => notOfType('personalisation', issue.input, 'object') })
      .optional(),
    one_click_unsubscribe_url: z
      .string({ error: 'one_click_unsubscribe_url is not a valid https url' })
      .refine((url) => url.startsWith('https') && URL.canParse(url), {
        error: 'one_click_unsubscribe_url is not a valid https url',
      })
      .optional(),
  },
  { error: (issue) => `${describeValue(issue.input)} is not of type object`.replaceAll("'", '') },
);

type PostEmailRequest = z.infer<typeof postEmailRequestSchema>;

function validatePostEmailRequest(json: unknown): PostEmailRequest {
  // Notify reads the body as `request.get_json() or {}`: a falsy body is treated as an empty object.
  const input = !json || (Array.isArray(json) && json.length === 0) ? {} : json;
  const result = postEmailRequestSchema.safeParse(input);
  if (result.success) return result.data;
  // jsonschema reports property errors before missing required properties; Notify de-duplicates.
  const messages = result.error.issues.map((issue) => issue.message);
  const ordered = [
    ...messages.filter((message) => !message.endsWith(' is a required property')),
    ...messages.filter((message) => message.endsWith(' is a required property')),
  ];
  throw new NotifyApiError(400, 'ValidationError', [...new Set(ordered)]);
}

// ---------------------------------------------------------------------------------------------
// Attachments ("send a file by email"): values produced by the client's prepareUpload().

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateRetentionPeriod(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const match = typeof value === 'string' ? /^(\d+) weeks?$/.exec(value.toLowerCase().trim()) : null;
  const weeks = Number(match?.[1] ?? Number.NaN);
  if (!(weeks > 0 && weeks <= 78) || typeof value !== 'string') {
    throw new NotifyApiError(
      400,
      'BadRequestError',
      `Unsupported value for retention_period '${describeValue(value)}'. Supported periods are from 1 to 78 weeks.`,
    );
  }
  return value;
}

function validateFilename(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new NotifyApiError(400, 'ValidationError', notOfType('filename', value, 'string'));
  if (value.length > MAX_FILENAME_LENGTH) {
    throw new NotifyApiError(
      400,
      'BadRequestError',
      `\`filename\` cannot be longer than ${MAX_FILENAME_LENGTH} characters`,
    );
  }
  if (!value.includes('.')) {
    throw new NotifyApiError(
      400,
      'BadRequestError',
      '`filename` must end with a file extension. For example, filename.csv',
    );
  }
  const extension = (value.split('.').at(-1) ?? '').toLowerCase();
  if (!ALLOWED_FILE_EXTENSIONS.includes(extension)) {
    const allowed = ALLOWED_FILE_EXTENSIONS.map((ext) => `'.${ext}'`).join(', ');
    throw new NotifyApiError(
      400,
      'BadRequestError',
      `Unsupported file type '.${extension}'. Supported types are: ${allowed}`,
    );
  }
  return value;
}

function decodedBase64Size(file: string): number {
  const compact = file.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new NotifyApiError(400, 'BadRequestError', 'Document is not base64 encoded');
  }
  return Buffer.byteLength(compact, 'base64');
}

/**
 * Validates each attachment like Notify and document-download-api do, records its metadata and swaps
 * the base64 payload for a small marker so that the outbox never holds the file.
 */
function extractAttachments(personalisation: Record<string, unknown>): {
  personalisation: Record<string, unknown>;
  attachments: OutboxAttachment[];
} {
  const stored: Record<string, unknown> = {};
  const attachments: OutboxAttachment[] = [];
  for (const [key, value] of Object.entries(personalisation)) {
    if (!isPlainObject(value) || !('file' in value)) {
      stored[key] = value;
      continue;
    }
    const { file, filename, confirm_email_before_download: confirm, retention_period: retention } = value;
    if (typeof file !== 'string') throw new NotifyApiError(400, 'ValidationError', notOfType('file', file, 'string'));
    if (confirm !== undefined && confirm !== null && typeof confirm !== 'boolean') {
      throw new NotifyApiError(
        400,
        'BadRequestError',
        `Unsupported value for confirm_email_before_download: '${describeValue(confirm)}'. Use a boolean true or false value.`,
      );
    }
    const retentionPeriod = validateRetentionPeriod(retention);
    const sizeBytes = decodedBase64Size(file);
    if (sizeBytes > MAX_ATTACHMENT_BYTES) {
      // document-download-api answers 413 and Notify passes it on as a 400.
      throw new NotifyApiError(400, 'BadRequestError', 'Uploaded file exceeds file size limit');
    }
    const checkedFilename = validateFilename(filename);
    attachments.push({
      personalisationKey: key,
      filename: checkedFilename,
      sizeBytes,
      confirmEmailBeforeDownload: confirm ?? null,
      retentionPeriod,
    });
    stored[key] = { attachment: checkedFilename, sizeBytes };
  }
  return { personalisation: stored, attachments };
}

// ---------------------------------------------------------------------------------------------
// Authentication: Notify's JWT rules.

async function authenticate(
  header: string | undefined,
  serviceId: string,
  secret: Uint8Array,
  nowSeconds: number,
): Promise<void> {
  if (!header) throw new NotifyApiError(401, 'AuthError', 'Unauthorized: authentication token must be provided');
  if (header.slice(0, 7).toLowerCase() !== 'bearer ') {
    throw new NotifyApiError(401, 'AuthError', 'Unauthorized: authentication bearer scheme must be used');
  }
  const token = header.slice(7);
  let issuer: unknown;
  let algorithm: unknown;
  try {
    issuer = decodeJwt(token).iss;
    algorithm = decodeProtectedHeader(token).alg;
  } catch {
    throw new NotifyApiError(403, 'AuthError', 'Invalid token: signature, api token is not valid');
  }
  if (typeof issuer !== 'string' || issuer === '') {
    throw new NotifyApiError(403, 'AuthError', 'Invalid token: iss field not provided');
  }
  if (!UUID_PATTERN.test(issuer)) {
    throw new NotifyApiError(403, 'AuthError', 'Invalid token: service id is not the right data type');
  }
  if (issuer.toLowerCase() !== serviceId)
    throw new NotifyApiError(403, 'AuthError', 'Invalid token: service not found');
  if (algorithm !== 'HS256') throw new NotifyApiError(403, 'AuthError', 'Invalid token: algorithm used is not HS256');

  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token, secret, { algorithms: ['HS256'] }));
  } catch {
    // Not signed with this service's key.
    throw new NotifyApiError(403, 'AuthError', 'Invalid token: API key not found');
  }
  const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
  const iat = isPlainObject(claims) ? claims.iat : undefined;
  if (iat === undefined) throw new NotifyApiError(403, 'AuthError', 'Invalid token: API key not found');
  if (typeof iat !== 'number' || Math.abs(nowSeconds - iat) > CLOCK_TOLERANCE_SECONDS) {
    throw new NotifyApiError(403, 'AuthError', 'Error: Your system clock must be accurate to within 30 seconds');
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP plumbing.

class SlidingWindowLimiter {
  private readonly hits: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts the request if it is within the limit; the window therefore never holds more than `limit` entries. */
  tryAcquire(nowMs: number): boolean {
    while (this.hits.length > 0 && (this.hits[0] ?? 0) <= nowMs - this.windowMs) this.hits.shift();
    if (this.hits.length >= this.limit) return false;
    this.hits.push(nowMs);
    return true;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** Reads the whole body; null when it exceeds MAX_BODY_BYTES (the rest is drained and discarded). */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks);
}

function renderPersonalisationValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isPlainObject(value) && 'attachment' in value) return `[file: ${describeValue(value.attachment)}]`;
  return JSON.stringify(value);
}

function renderBody(personalisation: Record<string, unknown>): string {
  const lines = Object.entries(personalisation).map(([key, value]) => `${key}: ${renderPersonalisationValue(value)}`);
  return lines.length > 0 ? lines.join('\n') : '(no personalisation)';
}

export async function startLocalNotify(options: LocalNotifyOptions = {}): Promise<LocalNotify> {
  const apiKey = options.apiKey ?? LOCAL_NOTIFY_API_KEY;
  const { serviceId, secret } = parseApiKey(apiKey);
  const secretBytes = new TextEncoder().encode(secret);
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const limiter = new SlidingWindowLimiter(rateLimit.requests, rateLimit.windowSeconds * 1000);
  const outboxLimit = Math.max(1, options.outboxLimit ?? DEFAULT_OUTBOX_LIMIT);
  const now = options.now ?? (() => new Date());

  /** Newest first, at most outboxLimit entries; `byId` always holds exactly the same notifications. */
  let stored: StoredNotification[] = [];
  const byId = new Map<string, StoredNotification>();
  let baseUrl = '';
  let sendsReceived = 0;
  let rateLimited = 0;
  /** The fault switch: remaining sends (null: no count), until when (ms on `now`; null: no end), or off (null). */
  let injected: { status: InjectedSendFailure; remaining: number | null; untilMs: number | null } | null = null;
  const injectedCounts: Partial<Record<InjectedSendFailure, number>> = {};

  function failSends(status: InjectedSendFailure, duration: { count?: number; seconds?: number } = {}): void {
    injected = {
      status,
      remaining: duration.count === undefined ? null : Math.max(0, Math.floor(duration.count)),
      untilMs: duration.seconds === undefined ? null : now().getTime() + duration.seconds * 1000,
    };
  }

  /** The failure this send is answered with, if the switch is on (and counts the send against it). */
  function injectedFailure(): InjectedSendFailure | null {
    if (injected === null) return null;
    const { status, remaining, untilMs } = injected;
    if ((remaining !== null && remaining <= 0) || (untilMs !== null && now().getTime() >= untilMs)) {
      injected = null;
      return null;
    }
    if (remaining !== null) injected.remaining = remaining - 1;
    injectedCounts[status] = (injectedCounts[status] ?? 0) + 1;
    return status;
  }

  const failSendsRequestSchema = z.object({
    status: z.number().refine((status) => injectableStatuses.includes(status), {
      error: `status must be one of ${injectableStatuses.join(', ')}`,
    }),
    count: z.number().int().nonnegative().optional(),
    seconds: z.number().nonnegative().optional(),
  });

  const templateUri = (templateId: string): string => `${baseUrl}/services/${serviceId}/templates/${templateId}`;

  function postEmail(json: unknown): unknown {
    const form = validatePostEmailRequest(json);
    const { personalisation, attachments } = extractAttachments(form.personalisation ?? {});
    const id = randomUUID();
    const templateId = form.template_id.toLowerCase();
    const notification: StoredNotification = {
      email: {
        id,
        reference: form.reference ?? null,
        recipient: form.email_address,
        templateId,
        personalisation,
        attachments,
        emailReplyToId: form.email_reply_to_id ?? null,
        oneClickUnsubscribeUrl: form.one_click_unsubscribe_url ?? null,
        createdAt: new Date().toISOString(),
      },
      subject: `Local Notify: template ${templateId}`,
      body: renderBody(personalisation),
      oneClickUnsubscribeUrl: form.one_click_unsubscribe_url ?? null,
    };
    stored.unshift(notification);
    byId.set(id, notification);
    for (const evicted of stored.splice(outboxLimit)) byId.delete(evicted.email.id);

    return {
      id,
      reference: notification.email.reference,
      uri: `${baseUrl}/v2/notifications/${id}`,
      template: { id: templateId, version: 1, uri: templateUri(templateId) },
      scheduled_for: null,
      content: {
        from_email: FROM_EMAIL,
        body: notification.body,
        subject: notification.subject,
        one_click_unsubscribe_url: notification.oneClickUnsubscribeUrl,
      },
    };
  }

  function serialise(notification: StoredNotification): Record<string, unknown> {
    const { email } = notification;
    return {
      id: email.id,
      reference: email.reference,
      email_address: email.recipient,
      phone_number: null,
      line_1: null,
      line_2: null,
      line_3: null,
      line_4: null,
      line_5: null,
      line_6: null,
      line_7: null,
      postcode: null,
      postage: null,
      type: 'email',
      status: 'delivered',
      template: {
        id: email.templateId,
        version: 1,
        uri: `${baseUrl}/v2/template/${email.templateId}/version/1`,
      },
      body: notification.body,
      subject: notification.subject,
      created_at: email.createdAt,
      created_by_name: null,
      sent_at: email.createdAt,
      completed_at: email.createdAt,
      scheduled_for: null,
      one_click_unsubscribe_url: notification.oneClickUnsubscribeUrl,
      is_cost_data_ready: true,
      cost_in_pounds: 0,
      cost_details: {},
    };
  }

  function getNotifications(query: URLSearchParams): unknown {
    const allowed = new Set(['reference', 'status', 'template_type', 'older_than', 'include_jobs']);
    const problems: string[] = [];
    for (const key of new Set(query.keys())) {
      if (!allowed.has(key)) problems.push(`Additional properties are not allowed (${key} was unexpected)`);
    }
    const statuses = query.getAll('status');
    const templateTypes = query.getAll('template_type');
    for (const status of statuses) {
      if (!NOTIFICATION_STATUSES.includes(status)) {
        problems.push(`status ${status} is not one of [${NOTIFICATION_STATUSES.join(', ')}]`);
      }
    }
    for (const type of templateTypes) {
      if (!TEMPLATE_TYPES.includes(type))
        problems.push(`template_type ${type} is not one of [${TEMPLATE_TYPES.join(', ')}]`);
    }
    const olderThan = query.get('older_than');
    if (olderThan !== null && !UUID_PATTERN.test(olderThan)) problems.push('older_than is not a valid UUID');
    if (problems.length > 0) throw new NotifyApiError(400, 'ValidationError', problems);

    const reference = query.get('reference');
    let candidates = stored;
    if (olderThan !== null) {
      const index = stored.findIndex((n) => n.email.id === olderThan.toLowerCase());
      candidates = index === -1 ? [] : stored.slice(index + 1);
    }
    // Every stored notification is an email with status "delivered".
    const typeAndStatusMatch =
      (statuses.length === 0 || statuses.includes('delivered')) &&
      (templateTypes.length === 0 || templateTypes.includes('email'));
    const page = (typeAndStatusMatch ? candidates : [])
      .filter((n) => reference === null || n.email.reference === reference)
      .slice(0, PAGE_SIZE);

    const current = new URLSearchParams(query);
    const links: { current: string; next?: string } = { current: withQuery('/v2/notifications', current) };
    const last = page.at(-1);
    if (last) {
      const next = new URLSearchParams(query);
      next.set('older_than', last.email.id);
      links.next = withQuery('/v2/notifications', next);
    }
    return { notifications: page.map(serialise), links };
  }

  function withQuery(path: string, query: URLSearchParams): string {
    const text = query.toString();
    return `${baseUrl}${path}${text ? `?${text}` : ''}`;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local-notify');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const path = url.pathname;

    if (path === '/_local/fail-sends') {
      if (method === 'DELETE') {
        injected = null;
        res.writeHead(204).end();
        return;
      }
      if (method !== 'POST') {
        sendJson(res, 405, { result: 'error', message: 'POST or DELETE' });
        return;
      }
      let request: unknown;
      try {
        request = JSON.parse((body ?? Buffer.alloc(0)).toString('utf8'));
      } catch {
        request = null;
      }
      const parsed = failSendsRequestSchema.safeParse(request);
      if (!parsed.success) {
        sendJson(res, 400, { result: 'error', message: parsed.error.issues.map((i) => i.message).join('; ') });
        return;
      }
      const { status, count, seconds } = parsed.data;
      failSends(status as InjectedSendFailure, {
        ...(count === undefined ? {} : { count }),
        ...(seconds === undefined ? {} : { seconds }),
      });
      res.writeHead(204).end();
      return;
    }

    const postMatch = method === 'POST' ? /^\/v2\/notifications\/(email|sms|letter)$/.exec(path) : null;
    const getOneMatch = method === 'GET' ? /^\/v2\/notifications\/([^/]+)$/.exec(path) : null;
    const isList = method === 'GET' && path === '/v2/notifications';
    if (!postMatch && !getOneMatch && !isList) {
      if (/^\/v2\/notifications(\/[^/]+)?$/.test(path)) {
        sendJson(res, 405, { result: 'error', message: 'The method is not allowed for the requested URL.' });
      } else {
        sendJson(res, 404, {
          result: 'error',
          message:
            'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
        });
      }
      return;
    }

    await authenticate(req.headers.authorization, serviceId, secretBytes, Math.floor(Date.now() / 1000));

    if (postMatch) {
      sendsReceived += 1;
      const failure = injectedFailure();
      if (failure === 429) {
        rateLimited += 1;
        throw new NotifyApiError(
          429,
          'RateLimitError',
          `Exceeded rate limit for key type LIVE of ${rateLimit.requests} requests per ${rateLimit.windowSeconds} seconds`,
        );
      }
      if (failure === 401) {
        throw new NotifyApiError(401, 'AuthError', 'Unauthorized: authentication token must be provided');
      }
      // A key revoked at Notify: it no longer finds it.
      if (failure === 403) throw new NotifyApiError(403, 'AuthError', 'Invalid token: API key not found');
      if (failure !== null) throw new NotifyApiError(failure, 'Exception', 'Internal server error');
      if (!limiter.tryAcquire(now().getTime())) {
        rateLimited += 1;
        throw new NotifyApiError(
          429,
          'RateLimitError',
          `Exceeded rate limit for key type LIVE of ${rateLimit.requests} requests per ${rateLimit.windowSeconds} seconds`,
        );
      }
      if (body === null) {
        sendJson(res, 413, { result: 'error', message: 'Request entity too large' });
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        throw new NotifyApiError(400, 'BadRequestError', 'Invalid JSON supplied in POST data');
      }
      if (postMatch[1] !== 'email') {
        // This stand-in only sends emails; Notify answers this way for a service without the permission.
        const what = postMatch[1] === 'sms' ? 'text messages' : 'letters';
        throw new NotifyApiError(400, 'BadRequestError', `Service is not allowed to send ${what}`);
      }
      sendJson(res, 201, postEmail(json));
      return;
    }

    if (isList) {
      sendJson(res, 200, getNotifications(url.searchParams));
      return;
    }

    const notificationId = getOneMatch?.[1] ?? '';
    if (!UUID_PATTERN.test(notificationId)) {
      throw new NotifyApiError(400, 'ValidationError', 'notification_id is not a valid UUID');
    }
    const notification = byId.get(notificationId.toLowerCase());
    if (!notification) throw new NotifyApiError(404, 'NoResultFound', 'No result found');
    sendJson(res, 200, serialise(notification));
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof NotifyApiError) {
        sendJson(res, error.statusCode, { status_code: error.statusCode, errors: error.errors });
      } else {
        sendJson(res, 500, { status_code: 500, errors: [{ error: 'Exception', message: 'Internal server error' }] });
      }
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const reachableHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  baseUrl = `http://${reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost}:${port}`;

  return {
    baseUrl,
    apiKey,
    serviceId,
    outbox: () => stored.map((n) => structuredClone(n.email)),
    clear: () => {
      stored = [];
      byId.clear();
    },
    failNextSends: (count, status) => {
      failSends(status, { count });
    },
    failSends,
    stopFailingSends: () => {
      injected = null;
    },
    counters: () => ({ sendsReceived, rateLimited, injected: { ...injectedCounts } }),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
