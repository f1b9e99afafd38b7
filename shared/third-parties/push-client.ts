/**
 * Talking to a third party's own services: an access token from their token server by the OAuth 2.0
 * client-credentials grant (RFC 6749 4.4; client_secret_post, and `scope` when one is set), cached per client until
 * shortly before it expires, and the calls made with it (the push itself in push-delivery.ts, the health check of
 * "test connection" here). Expected failures are values naming the stage that failed.
 */
import { z } from 'zod';
import type { PushSettings } from './third-party.js';

/** Where push secrets come from, by name (push-secrets.ts). */
export interface PushSecrets {
  secret(name: string): Promise<string | null>;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type ConnectionFailure = {
  ok: false;
  stage: 'SECRET' | 'TOKEN' | 'HEALTH' | 'PUSH';
  /** The receiver answered this status (null: it could not be reached). */
  status: number | null;
  /** Whether trying again later may succeed (unreachable, 429, 5xx, a token server that failed). */
  retryable: boolean;
  message: string;
};

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((value) => value.toLowerCase() === 'bearer', 'must be Bearer'),
  expires_in: z.coerce.number().int().positive().optional(),
});

/** How long before its expiry a cached token is no longer used. */
const EXPIRY_MARGIN_MS = 60_000;
const DEFAULT_TOKEN_LIFETIME_S = 300;
const REQUEST_TIMEOUT_MS = 10_000;

export interface PushClientDependencies {
  secrets: PushSecrets;
  fetch?: FetchLike;
  now?: () => number;
}

export interface PushClient {
  /** A bearer token for these settings, from the cache while it is valid. */
  token(settings: PushSettings): Promise<{ ok: true; token: string } | ConnectionFailure>;
  /** Forgets a cached token (a receiver answered 401 with it). */
  forget(settings: PushSettings): void;
  /** A request with the bearer token; one retry with a fresh token when the receiver answers 401. */
  send(
    settings: PushSettings,
    url: string,
    init: { method: string; headers?: Record<string, string>; body?: Uint8Array },
    stage: 'HEALTH' | 'PUSH',
  ): Promise<{ ok: true; status: number } | ConnectionFailure>;
}

const retryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

export function createPushClient(deps: PushClientDependencies): PushClient {
  const fetchImpl: FetchLike = deps.fetch ?? ((input, init) => fetch(input, init));
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { token: string; expiresAt: number }>();
  const keyOf = (s: PushSettings) => `${s.tokenUrl}\n${s.clientId}\n${s.scope ?? ''}\n${s.secretName}`;

  async function token(settings: PushSettings): Promise<{ ok: true; token: string } | ConnectionFailure> {
    const key = keyOf(settings);
    const cached = cache.get(key);
    if (cached !== undefined && cached.expiresAt - EXPIRY_MARGIN_MS > now()) return { ok: true, token: cached.token };
    const secret = await deps.secrets.secret(settings.secretName);
    if (secret === null) {
      return {
        ok: false,
        stage: 'SECRET',
        status: null,
        retryable: false,
        message: `The secret ${settings.secretName} is not set`,
      };
    }
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: settings.clientId,
      client_secret: secret,
    });
    if (settings.scope !== null) form.set('scope', settings.scope);
    let response: Response;
    try {
      response = await fetchImpl(settings.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      return {
        ok: false,
        stage: 'TOKEN',
        status: null,
        retryable: true,
        message: `The token server could not be reached: ${(error as Error).message}`,
      };
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      return {
        ok: false,
        stage: 'TOKEN',
        status: response.status,
        retryable: retryableStatus(response.status),
        message: `The token server answered ${response.status}${tokenError(text)}`,
      };
    }
    let parsed: z.infer<typeof tokenResponse>;
    try {
      parsed = tokenResponse.parse(JSON.parse(text));
    } catch {
      return {
        ok: false,
        stage: 'TOKEN',
        status: response.status,
        retryable: false,
        message: 'The token server did not answer an access token',
      };
    }
    const lifetimeMs = (parsed.expires_in ?? DEFAULT_TOKEN_LIFETIME_S) * 1000;
    cache.set(key, { token: parsed.access_token, expiresAt: now() + lifetimeMs });
    return { ok: true, token: parsed.access_token };
  }

  async function sendOnce(
    accessToken: string,
    url: string,
    init: { method: string; headers?: Record<string, string>; body?: Uint8Array },
    stage: 'HEALTH' | 'PUSH',
  ): Promise<{ ok: true; status: number } | ConnectionFailure> {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: init.method,
        headers: { ...init.headers, authorization: `Bearer ${accessToken}` },
        ...(init.body === undefined ? {} : { body: init.body }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      return {
        ok: false,
        stage,
        status: null,
        retryable: true,
        message: `${url} could not be reached: ${(error as Error).message}`,
      };
    }
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return { ok: true, status: response.status };
    return {
      ok: false,
      stage,
      status: response.status,
      retryable: retryableStatus(response.status) || response.status === 401,
      message: `${url} answered ${response.status}`,
    };
  }

  return {
    token,
    forget: (settings) => cache.delete(keyOf(settings)),
    async send(settings, url, init, stage) {
      const first = await token(settings);
      if (!first.ok) return first;
      const answer = await sendOnce(first.token, url, init, stage);
      if (answer.ok || answer.status !== 401) return answer;
      // The token may have been revoked or the receiver's keys rotated: once more with a fresh one.
      cache.delete(keyOf(settings));
      const second = await token(settings);
      if (!second.ok) return second;
      return sendOnce(second.token, url, init, stage);
    },
  };
}

/** The OAuth error code of a token server's refusal, when it gave one (never the body itself). */
function tokenError(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body.error === 'string' && /^[a-z_]{1,64}$/.test(body.error) ? ` (${body.error})` : '';
  } catch {
    return '';
  }
}

export type ConnectionTest =
  | { ok: true; healthStatus: number }
  | ConnectionFailure
  | { ok: false; stage: 'NOT_CONFIGURED'; status: null; retryable: false; message: string };

/** "Test connection": a token from their token server, then GET their health endpoint with it. */
export async function testConnection(client: PushClient, push: PushSettings | null): Promise<ConnectionTest> {
  if (push === null || push.healthUrl === null) {
    return {
      ok: false,
      stage: 'NOT_CONFIGURED',
      status: null,
      retryable: false,
      message: 'Set the push endpoint, token settings and health endpoint first',
    };
  }
  client.forget(push);
  const answer = await client.send(push, push.healthUrl, { method: 'GET' }, 'HEALTH');
  return answer.ok ? { ok: true, healthStatus: answer.status } : answer;
}
