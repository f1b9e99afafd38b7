/**
 * Where people's accounts at the identity service they sign in at are made and deleted: Azure B2C in Azure, the
 * local identity provider locally. Approving a media application and bulk creation call `createMediaAccount`; the
 * lifecycle timer and a system admin's deletion of a B2C (`PI_AAD`) user call `deleteMediaAccount`.
 *
 * Implementations:
 * - `graphMediaAccountDirectory` (graph-media-account-directory.ts): Azure B2C through Microsoft Graph, a local
 *   account with an email sign-in identity and the P&I extension attributes (shared/auth/b2c-attributes.ts).
 * - `localMediaAccountDirectory(url)`: the local identity provider's user endpoint (local/identity, `POST
 *   {issuer}/local-users`); `npm start` sets LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL to it.
 * - `unconfiguredMediaAccountDirectory`: every call fails with NOT_CONFIGURED (tests of what a failure does).
 * Which one runs is chosen once from the settings (directory-from-settings.ts): a deployment without the Graph
 * settings and without LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL does not start.
 *
 * Failures are values: UNAVAILABLE may succeed if tried again (no answer, 429, 5xx); REFUSED will not (the directory
 * said no: no permission, a request it cannot take); ALREADY_EXISTS only from the local provider (Graph's adapter
 * answers the existing account, `existed: true`, so a retried approval goes through).
 */

export interface NewMediaAccount {
  email: string;
  givenName: string;
  familyName: string;
  displayName: string;
}

export type DirectoryFailureReason = 'NOT_CONFIGURED' | 'ALREADY_EXISTS' | 'UNAVAILABLE' | 'REFUSED';

export type CreateMediaAccountResult =
  /** `existed`: the directory already had an account with this email, and this is its id (nothing was made). */
  { ok: true; objectId: string; existed?: boolean } | { ok: false; reason: DirectoryFailureReason; message: string };

export interface MediaAccountDirectory {
  /** For logs and the audit record: which directory made (or refused) the account. */
  readonly name: string;
  createMediaAccount(account: NewMediaAccount): Promise<CreateMediaAccountResult>;
}

export type DeleteMediaAccountResult =
  { ok: true; existed: boolean } | { ok: false; reason: 'NOT_CONFIGURED' | 'UNAVAILABLE' | 'REFUSED'; message: string };

/**
 * Where an account is deleted (the lifecycle timer, shared/media-accounts/media-account-lifecycle.ts; a system
 * admin's deletion, shared/users/user-admin.ts): by the directory's object id (pip_user.provenance_user_id). An
 * account already gone is a success (`existed: false`), so a retry after a partial run is safe.
 */
export interface MediaAccountRemoval {
  readonly name: string;
  deleteMediaAccount(objectId: string): Promise<DeleteMediaAccountResult>;
}

/** Both ports: what the settings choose (directory-from-settings.ts). */
export type UserDirectory = MediaAccountDirectory & MediaAccountRemoval;

const notConfigured = 'No account directory is configured';

export const unconfiguredMediaAccountDirectory: UserDirectory = {
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
export function localMediaAccountDirectory(url: string, fetchImpl: typeof fetch = fetch): UserDirectory {
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
