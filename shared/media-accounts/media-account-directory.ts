/**
 * Where an approved journalist's account is made: the identity service people sign in at (Azure B2C in production,
 * the local identity provider locally). Approving an application calls `createMediaAccount`; the person can then
 * sign in as a verified media user.
 *
 * Implementations:
 * - `localMediaAccountDirectory(url)`: the local identity provider's user endpoint (local/identity, `POST
 *   {issuer}/local-users`); `npm start` sets LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL to it.
 * - `unconfiguredMediaAccountDirectory`: every creation fails with NOT_CONFIGURED, so an approval in an environment
 *   without a directory fails visibly and changes nothing. This is what Azure runs until the Microsoft Graph
 *   implementation exists (issue 19: a B2C user with the VERIFIED role and an email sign-in identity, created through
 *   `@microsoft/microsoft-graph-client` with the app's managed identity; not a dependency yet, and no Graph endpoint
 *   is reachable from here, so nothing pretends to be it).
 */

export interface NewMediaAccount {
  email: string;
  givenName: string;
  familyName: string;
  displayName: string;
}

export type CreateMediaAccountResult =
  | { ok: true; objectId: string }
  | { ok: false; reason: 'NOT_CONFIGURED' | 'ALREADY_EXISTS' | 'UNAVAILABLE'; message: string };

export interface MediaAccountDirectory {
  /** For logs and the audit record: which directory made (or refused) the account. */
  readonly name: string;
  createMediaAccount(account: NewMediaAccount): Promise<CreateMediaAccountResult>;
}

export type DeleteMediaAccountResult =
  { ok: true; existed: boolean } | { ok: false; reason: 'NOT_CONFIGURED' | 'UNAVAILABLE'; message: string };

/**
 * Where an expired media account is deleted (the lifecycle timer, shared/media-accounts/media-account-lifecycle.ts):
 * by the directory's object id (pip_user.provenance_user_id). An account already gone is a success (`existed:
 * false`), so a retry after a partial run is safe.
 */
export interface MediaAccountRemoval {
  readonly name: string;
  deleteMediaAccount(objectId: string): Promise<DeleteMediaAccountResult>;
}

const notConfigured = 'No media account directory is configured (the Microsoft Graph directory is issue 19)';

export const unconfiguredMediaAccountDirectory: MediaAccountDirectory & MediaAccountRemoval = {
  name: 'none',
  createMediaAccount: () => Promise.resolve({ ok: false, reason: 'NOT_CONFIGURED', message: notConfigured }),
  deleteMediaAccount: () => Promise.resolve({ ok: false, reason: 'NOT_CONFIGURED', message: notConfigured }),
};

/** "Jo de Souza" → given "Jo de", family "Souza"; a single word is the given name and the family name both. */
export function splitFullName(fullName: string): { givenName: string; familyName: string } {
  const name = fullName.trim().replace(/\s+/g, ' ');
  const split = name.lastIndexOf(' ');
  return split === -1
    ? { givenName: name, familyName: name }
    : { givenName: name.slice(0, split), familyName: name.slice(split + 1) };
}

/**
 * The local identity provider's user endpoint: `POST url` with `{ email, givenName, familyName, displayName, roles }`
 * answers 201 `{ objectId }`, or 409 when the email already has an account. Local only: the URL comes from a LOCAL_
 * setting that is never set in Azure.
 */
export function localMediaAccountDirectory(
  url: string,
  fetchImpl: typeof fetch = fetch,
): MediaAccountDirectory & MediaAccountRemoval {
  return {
    name: 'local identity provider',
    async createMediaAccount(account) {
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...account, roles: ['VERIFIED'] }),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        return { ok: false, reason: 'UNAVAILABLE', message: `the directory did not answer: ${String(error)}` };
      }
      if (response.status === 409) {
        return { ok: false, reason: 'ALREADY_EXISTS', message: 'an account with this email already exists' };
      }
      const body = (await response.json().catch(() => null)) as { objectId?: unknown } | null;
      if (response.status !== 201 || typeof body?.objectId !== 'string') {
        return { ok: false, reason: 'UNAVAILABLE', message: `the directory answered ${response.status}` };
      }
      return { ok: true, objectId: body.objectId };
    },
    /** `DELETE url/{objectId}`: 204 when deleted, 404 when there is no such account. */
    async deleteMediaAccount(objectId) {
      let response: Response;
      try {
        response = await fetchImpl(`${url}/${encodeURIComponent(objectId)}`, {
          method: 'DELETE',
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        return { ok: false, reason: 'UNAVAILABLE', message: `the directory did not answer: ${String(error)}` };
      }
      if (response.status === 204) return { ok: true, existed: true };
      if (response.status === 404) return { ok: true, existed: false };
      return { ok: false, reason: 'UNAVAILABLE', message: `the directory answered ${response.status}` };
    },
  };
}
