/**
 * Sends a digest through GOV.UK Notify with the official client. Notify's answer decides what happens next:
 * - 201: sent.
 * - 400 (e.g. an invalid email address, a personalisation the template refuses), and for digests also 401 and 403
 *   (Notify's AuthError: no usable token, a key revoked or not allowed to send this): the same request would fail
 *   again, so it is a value (`rejected`), recorded by the caller and not retried.
 * - anything else (429 rate limit, 5xx, no answer at all): thrown as NotifyUnavailableError, for the caller to retry
 *   with backoff.
 */
import { NotifyClient } from 'notifications-node-client';

export interface NotifyErrorDetail {
  error: string;
  message: string;
}

export type DigestSendResult =
  { kind: 'sent'; notificationId: string } | { kind: 'rejected'; status: number; errors: NotifyErrorDetail[] };

export interface DigestEmailToSend {
  recipient: string;
  language: 'en' | 'cy';
  /** Strings, lists, and files made by `prepareUpload` (shared/digest-attachments). */
  personalisation: Record<string, unknown>;
  /** The digest id: how a send is found again at Notify. */
  reference: string;
  /** Notify adds the List-Unsubscribe headers (RFC 8058) for it. */
  oneClickUnsubscribeUrl: string;
}

export interface DigestMailer {
  sendDigest(email: DigestEmailToSend): Promise<DigestSendResult>;
  /** The id of an email Notify already holds with this reference, or null (throws NotifyUnavailableError). */
  findSentByReference(reference: string): Promise<string | null>;
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
export function classifyNotifyFailure(thrown: unknown, permanentStatuses: readonly number[] = [400]): DigestSendResult {
  const error = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as ClientError;
  const status = typeof error.response?.status === 'number' ? error.response.status : null;
  if (status !== null && permanentStatuses.includes(status))
    return { kind: 'rejected', status, errors: notifyErrors(error.response?.data) };
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

export interface NotifyMailerSettings {
  apiKey: string;
  baseUrl: string;
  /** The English template and the Welsh one (NOTIFY_TEMPLATE_DAILY_DIGEST, NOTIFY_TEMPLATE_DAILY_DIGEST_CY). */
  templateId: string;
  welshTemplateId?: string;
}

/** Digests: 400, 401 and 403 are permanent (issue 18: an auth failure is recorded for an operator, not retried). */
export const digestPermanentStatuses: readonly number[] = [400, 401, 403];

export function createNotifyMailer(settings: NotifyMailerSettings): DigestMailer {
  const client = new NotifyClient(settings.baseUrl, settings.apiKey);
  return {
    async sendDigest(email) {
      const templateId =
        email.language === 'cy' ? (settings.welshTemplateId ?? settings.templateId) : settings.templateId;
      try {
        const response = await client.sendEmail(templateId, email.recipient, {
          personalisation: email.personalisation,
          reference: email.reference,
          oneClickUnsubscribeURL: email.oneClickUnsubscribeUrl,
        });
        return { kind: 'sent', notificationId: response.data.id };
      } catch (thrown) {
        return classifyNotifyFailure(thrown, digestPermanentStatuses);
      }
    },
    async findSentByReference(reference) {
      let response;
      try {
        response = await client.getNotifications('email', undefined, reference);
      } catch (thrown) {
        // With no permanent statuses every failure is thrown as NotifyUnavailableError.
        classifyNotifyFailure(thrown, []);
        throw thrown;
      }
      const found = (response.data as { notifications?: { id?: unknown; reference?: unknown }[] }).notifications ?? [];
      const match = found.find((n) => n.reference === reference && typeof n.id === 'string');
      return typeof match?.id === 'string' ? match.id : null;
    },
  };
}
