/**
 * Sends a digest through GOV.UK Notify with the official client. Notify's answer decides what happens next:
 * - 201: sent.
 * - 400 (e.g. an invalid email address, a personalisation the template refuses): the same request would fail again,
 *   so it is a value (`rejected`), recorded by the caller and not retried.
 * - anything else (429 rate limit, 5xx, no answer at all, and 401/403 which a fixed API key cures): thrown as
 *   NotifyUnavailableError, so the queue retries the message and parks it in the poison queue if it keeps failing.
 */
import { NotifyClient } from 'notifications-node-client';

export interface NotifyErrorDetail {
  error: string;
  message: string;
}

export type DigestSendResult =
  { kind: 'sent'; notificationId: string } | { kind: 'rejected'; status: number; errors: NotifyErrorDetail[] };

export interface DigestMailer {
  sendDigest(
    recipient: string,
    /** Strings, lists, and files made by `prepareUpload` (shared/digest-attachments). */
    personalisation: Record<string, unknown>,
    reference: string,
  ): Promise<DigestSendResult>;
}

export class NotifyUnavailableError extends Error {
  /** Notify's HTTP status, or null when it did not answer. */
  readonly status: number | null;
  /** A stable code for logs: NOTIFY_RATE_LIMITED, NOTIFY_SERVER_ERROR, NOTIFY_AUTH_FAILED, NOTIFY_UNREACHABLE, ... */
  readonly code: string;

  constructor(status: number | null, code: string, message: string) {
    super(message);
    this.name = 'NotifyUnavailableError';
    this.status = status;
    this.code = code;
  }
}

interface ClientError {
  code?: unknown;
  message?: unknown;
  response?: { status?: unknown; data?: unknown };
}

function notifyErrors(data: unknown): NotifyErrorDetail[] {
  const errors = (data as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown) => {
    const { error, message } = (entry ?? {}) as { error?: unknown; message?: unknown };
    return typeof error === 'string' && typeof message === 'string' ? [{ error, message }] : [];
  });
}

function unavailableCode(status: number): string {
  if (status === 429) return 'NOTIFY_RATE_LIMITED';
  if (status === 401 || status === 403) return 'NOTIFY_AUTH_FAILED';
  if (status >= 500) return 'NOTIFY_SERVER_ERROR';
  return 'NOTIFY_UNEXPECTED_STATUS';
}

/** Classifies what the client threw (an axios error, or a plain string for its own argument checks). */
export function classifyNotifyFailure(thrown: unknown): DigestSendResult {
  const error = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as ClientError;
  const status = typeof error.response?.status === 'number' ? error.response.status : null;
  if (status === 400) return { kind: 'rejected', status, errors: notifyErrors(error.response?.data) };
  if (status !== null) {
    const summary = notifyErrors(error.response?.data)
      .map((e) => `${e.error}: ${e.message}`)
      .join('; ');
    throw new NotifyUnavailableError(
      status,
      unavailableCode(status),
      `GOV.UK Notify answered ${status}${summary ? ` (${summary})` : ''}`,
    );
  }
  const networkCode = typeof error.code === 'string' ? error.code : 'UNKNOWN';
  const message = typeof thrown === 'string' ? thrown : typeof error.message === 'string' ? error.message : 'no answer';
  throw new NotifyUnavailableError(
    null,
    'NOTIFY_UNREACHABLE',
    `GOV.UK Notify did not answer (${networkCode}): ${message}`,
  );
}

export function createNotifyMailer(settings: { apiKey: string; baseUrl: string; templateId: string }): DigestMailer {
  const client = new NotifyClient(settings.baseUrl, settings.apiKey);
  return {
    async sendDigest(recipient, personalisation, reference) {
      try {
        const response = await client.sendEmail(settings.templateId, recipient, { personalisation, reference });
        return { kind: 'sent', notificationId: response.data.id };
      } catch (thrown) {
        return classifyNotifyFailure(thrown);
      }
    },
  };
}
