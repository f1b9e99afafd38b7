/**
 * The local identity provider as the media account directory: `POST /b2c/local-users` through the client the web
 * function uses (shared/media-accounts/media-account-directory.ts). A new email gets an account (its object id); an
 * email that already has one (seeded or added) is ALREADY_EXISTS; a bad body is 400; a directory that does not
 * answer is UNAVAILABLE. Signing in with the new account is shown in functions/web/media-accounts.browser.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMediaAccountDirectory } from '../../shared/media-accounts/media-account-directory.js';
import { SEEDED_USERS } from './local-identities.js';
import { startLocalIdentityProvider, type LocalIdentityProvider } from './local-identity-provider.js';

let idp: LocalIdentityProvider;

beforeAll(async () => {
  idp = await startLocalIdentityProvider({ port: 0 });
});

afterAll(async () => {
  await idp.stop();
});

const account = {
  email: 'new.journalist@example.com',
  givenName: 'New',
  familyName: 'Journalist',
  displayName: 'New Journalist',
};

describe('the local media account directory', () => {
  it('is served under the B2C issuer', () => {
    expect(idp.mediaAccountEndpoint).toBe(`${idp.issuers.b2c}/local-users`);
  });

  it('adds a verified person once; an email that has an account is refused', async () => {
    const directory = localMediaAccountDirectory(idp.mediaAccountEndpoint);
    const created = await directory.createMediaAccount(account);
    expect(created).toEqual({ ok: true, objectId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown });
    expect(await directory.createMediaAccount({ ...account, email: 'NEW.journalist@example.com' })).toMatchObject({
      ok: false,
      reason: 'ALREADY_EXISTS',
    });
    expect(await directory.createMediaAccount({ ...account, email: SEEDED_USERS.media.username })).toMatchObject({
      ok: false,
      reason: 'ALREADY_EXISTS',
    });
  });

  it('refuses a bad body and other methods', async () => {
    const bad = await fetch(idp.mediaAccountEndpoint, { method: 'POST', body: '{"email":"x"}' });
    expect(bad.status).toBe(400);
    const notJson = await fetch(idp.mediaAccountEndpoint, { method: 'POST', body: 'nope' });
    expect(notJson.status).toBe(400);
    expect((await fetch(idp.mediaAccountEndpoint)).status).toBe(405);
  });

  it('a directory that does not answer is UNAVAILABLE', async () => {
    const nowhere = localMediaAccountDirectory('http://127.0.0.1:9/b2c/local-users');
    expect(await nowhere.createMediaAccount(account)).toMatchObject({ ok: false, reason: 'UNAVAILABLE' });
    expect(await nowhere.deleteMediaAccount('any-id')).toMatchObject({ ok: false, reason: 'UNAVAILABLE' });
  });

  it('deletes an account by its object id (the lifecycle timer); the email can then have a new one', async () => {
    const directory = localMediaAccountDirectory(idp.mediaAccountEndpoint);
    const doomed = { ...account, email: 'expiring.journalist@example.com' };
    const created = await directory.createMediaAccount(doomed);
    if (!created.ok) throw new Error(created.message);
    expect(await directory.deleteMediaAccount(created.objectId)).toEqual({ ok: true, existed: true });
    expect(await directory.deleteMediaAccount(created.objectId)).toEqual({ ok: true, existed: false });
    expect(await directory.createMediaAccount(doomed)).toMatchObject({ ok: true });
  });
});
