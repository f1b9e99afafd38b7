/**
 * The push client's token handling against a scripted token server (the protocol's answers, no network): a token
 * is reused until a minute before it expires, then fetched again; a 401 from the receiver fetches a fresh one once;
 * failures are values naming the stage.
 */
import { describe, expect, it } from 'vitest';
import { createPushClient, type FetchLike } from './push-client.js';
import { settingsPushSecrets } from './push-secrets.js';
import type { PushSettings } from './third-party.js';

const settings: PushSettings = {
  endpoint: 'https://receiver.example/publications',
  healthUrl: 'https://receiver.example/health',
  tokenUrl: 'https://login.example/token',
  clientId: 'pip',
  scope: 'api://receiver/.default',
  secretName: 'COURTEL_PUSH_SECRET',
};

function world(receiverStatuses: number[] = []) {
  let clock = 0;
  const tokenRequests: URLSearchParams[] = [];
  const bearers: string[] = [];
  const fetch: FetchLike = (url, init) => {
    if (url === settings.tokenUrl) {
      tokenRequests.push(new URLSearchParams(typeof init?.body === 'string' ? init.body : ''));
      return Promise.resolve(
        new Response(
          JSON.stringify({ access_token: `token-${tokenRequests.length}`, token_type: 'Bearer', expires_in: 600 }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
      );
    }
    bearers.push(new Headers(init?.headers).get('authorization') ?? '');
    return Promise.resolve(new Response(null, { status: receiverStatuses.shift() ?? 204 }));
  };
  const client = createPushClient({
    secrets: settingsPushSecrets({
      COURTEL_PUSH_SECRET: 's3cret',
      UNRESOLVED_PUSH_SECRET: '@Microsoft.KeyVault(SecretUri=x)',
    }),
    fetch,
    now: () => clock,
  });
  return { client, tokenRequests, bearers, advance: (ms: number) => (clock += ms) };
}

describe('push client', () => {
  it('asks by client credentials and caches the token until a minute before it expires', async () => {
    const { client, tokenRequests, bearers, advance } = world();
    await client.send(settings, settings.endpoint, { method: 'POST' }, 'PUSH');
    await client.send(settings, settings.endpoint, { method: 'POST' }, 'PUSH');
    advance(539_000);
    await client.send(settings, settings.endpoint, { method: 'POST' }, 'PUSH');
    expect(tokenRequests).toHaveLength(1);
    expect(Object.fromEntries(tokenRequests[0] ?? [])).toEqual({
      grant_type: 'client_credentials',
      client_id: 'pip',
      client_secret: 's3cret',
      scope: 'api://receiver/.default',
    });
    advance(2_000);
    await client.send(settings, settings.endpoint, { method: 'POST' }, 'PUSH');
    expect(tokenRequests).toHaveLength(2);
    expect(bearers).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });

  it('fetches a fresh token once when the receiver answers 401, and reports failures by stage', async () => {
    const { client, bearers } = world([401, 204, 503]);
    expect(await client.send(settings, settings.endpoint, { method: 'POST' }, 'PUSH')).toEqual({
      ok: true,
      status: 204,
    });
    expect(bearers).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(await client.send(settings, settings.endpoint, { method: 'POST' }, 'PUSH')).toMatchObject({
      ok: false,
      stage: 'PUSH',
      status: 503,
      retryable: true,
    });
    const unresolved = await client.token({ ...settings, secretName: 'UNRESOLVED_PUSH_SECRET' });
    expect(unresolved).toMatchObject({ ok: false, stage: 'SECRET', retryable: false });
  });

  it('reads only settings named *_PUSH_SECRET, whatever else the settings hold', async () => {
    const secrets = settingsPushSecrets({
      SESSION_SECRET: 'ours',
      NOTIFY_API_KEY: 'ours',
      COURTEL_PUSH_SECRET: 'theirs',
    });
    expect(await secrets.secret('SESSION_SECRET')).toBeNull();
    expect(await secrets.secret('NOTIFY_API_KEY')).toBeNull();
    expect(await secrets.secret('COURTEL_PUSH_SECRET')).toBe('theirs');
  });
});
