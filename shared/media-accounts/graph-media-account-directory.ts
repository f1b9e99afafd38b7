/**
 * The account directory in Azure: the B2C tenant, through Microsoft Graph (v1.0 `users`), with a client from
 * shared/graph/graph-client.ts whose token comes from the app's identity (directory-from-settings.ts).
 *
 * - Create: a B2C local account, as B2C makes one for its own sign-up: `identities` with signInType `emailAddress`,
 *   issuer the tenant's domain and the email as issuerAssignedId; display, given and family names and `mail`; a
 *   random password nobody is told (B2C's user flows cannot force a change at first sign-in, so the person sets their
 *   own through the password reset flow the welcome email leads to), never expiring (B2C's practice for local
 *   accounts); and the P&I extension attributes (shared/auth/b2c-attributes.ts, named in Graph
 *   `extension_<b2c-extensions-app id without dashes>_<name>`): UserRole VERIFIED, AccountStatus ACTIVE, Verified
 *   true. If the tenant already has an account for the email (Graph's "Another object with the same value for
 *   property identities already exists"), that account's id is the answer (`existed: true`): a retried approval, or
 *   an earlier approval whose later steps failed, goes through without a second account.
 * - Find: by the email sign-in identity (`identities/any(...)`).
 * - Delete: by object id; 404 means already gone (`existed: false`).
 *
 * Graph's errors are values: 429, 5xx, a timeout or no answer is UNAVAILABLE after `attempts` tries (waiting as
 * Retry-After says, at most `maxDelayMs`, else doubling from 250 ms); any other refusal (401, 403, 400) is REFUSED at
 * once, and so is a failure to sign in (the identity or secret; @azure/identity's errors). The wait is injected
 * (`sleep`) so tests take no time.
 */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { randomBytes, randomInt } from 'node:crypto';
import { B2C_ACCOUNT_STATUS, B2C_USER_ROLE, B2C_VERIFIED, graphExtensionAttribute } from '../auth/b2c-attributes.js';
import { B2C_ACTIVE_STATUS } from '../auth/role-sources.js';
import type {
  CreateMediaAccountResult,
  DeleteMediaAccountResult,
  NewMediaAccount,
  UserDirectory,
} from './media-account-directory.js';

export interface GraphDirectoryOptions {
  client: Client;
  /** The tenant's domain (pipb2cdev.onmicrosoft.com): the issuer of the email sign-in identities. */
  tenantDomain: string;
  /** The appId of the tenant's b2c-extensions-app, which holds the extension attributes. */
  extensionsAppId: string;
  /** Tries of a request Graph may answer later (429, 5xx, no answer); default 3. */
  attempts?: number;
  /** Longest wait between tries; default 2 s (an admin is waiting on the page). */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The password the account is made with; default a random 32 characters. */
  newPassword?: () => string;
}

export interface DirectoryAccount {
  objectId: string;
  displayName: string | null;
}

export type FindAccountResult =
  { ok: true; account: DirectoryAccount | null } | { ok: false; reason: 'UNAVAILABLE' | 'REFUSED'; message: string };

export interface GraphUserDirectory extends UserDirectory {
  findAccountByEmail(email: string): Promise<FindAccountResult>;
}

const lower = 'abcdefghijkmnopqrstuvwxyz';
const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';
const symbols = '@#$%^&*-_!+=?';

/** 32 characters with every class B2C's complexity rule counts (it wants 3 of the 4), from the CSPRNG. */
export function randomB2cPassword(): string {
  const all = lower + upper + digits + symbols;
  const pick = (from: string): string => from.charAt(randomInt(from.length));
  const characters = [pick(lower), pick(upper), pick(digits), pick(symbols)];
  for (const byte of randomBytes(28)) characters.push(all.charAt(byte % all.length));
  for (let i = characters.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j] ?? '', characters[i] ?? ''];
  }
  return characters.join('');
}

const quoted = (value: string): string => `'${value.replace(/'/g, "''")}'`;

type Attempt<T> = { ok: true; value: T } | { ok: false; error: GraphError | Error };

function statusOf(error: GraphError | Error): number | null {
  return error instanceof GraphError && error.statusCode > 0 ? error.statusCode : null;
}

/** @azure/identity's errors, as the graph client passes them on (their name as the code): the app could not sign in. */
const signInErrors = new Set(['AuthenticationError', 'AggregateAuthenticationError', 'CredentialUnavailableError']);

const signInFailed = (error: GraphError | Error): boolean =>
  signInErrors.has(error instanceof GraphError ? (error.code ?? '') : error.name);

function retryable(error: GraphError | Error): boolean {
  if (signInFailed(error)) return false;
  const status = statusOf(error);
  return status === null || status === 429 || status >= 500;
}

function describe(error: GraphError | Error): string {
  if (signInFailed(error)) return `could not sign in to Microsoft Graph: ${error.message}`;
  if (!(error instanceof GraphError)) return `no answer from Microsoft Graph: ${error.message}`;
  const status = statusOf(error);
  return [
    status === null ? 'no answer from Microsoft Graph' : `Microsoft Graph answered ${status}`,
    error.code === null ? '' : ` (${error.code})`,
    error.message === '' ? '' : `: ${error.message}`,
    error.requestId === null ? '' : ` [request-id ${error.requestId}]`,
  ].join('');
}

/** Graph's answer to a second account with the same sign-in identity (400 Request_BadRequest, or a 409). */
function alreadyExists(error: GraphError | Error): boolean {
  const status = statusOf(error);
  if (status !== 400 && status !== 409) return false;
  const details = JSON.stringify((error as GraphError).body ?? '');
  return /already exists/i.test(error.message) || /ObjectConflict/.test(details);
}

function retryAfterMs(error: GraphError | Error): number | null {
  const header = error instanceof GraphError ? error.headers?.get('retry-after') : null;
  if (header === null || header === undefined) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

export function graphMediaAccountDirectory(options: GraphDirectoryOptions): GraphUserDirectory {
  const { client, tenantDomain } = options;
  const attempts = options.attempts ?? 3;
  const maxDelayMs = options.maxDelayMs ?? 2_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const newPassword = options.newPassword ?? randomB2cPassword;
  const attribute = (claim: string): string => graphExtensionAttribute(claim, options.extensionsAppId);

  /** One request, tried again while Graph may answer later; the last error if it never succeeds. */
  async function send<T>(request: () => Promise<unknown>): Promise<Attempt<T>> {
    let last: GraphError | Error = new Error('not tried');
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        return { ok: true, value: (await request()) as T };
      } catch (error) {
        last = error instanceof Error ? error : new Error(String(error));
        if (!retryable(last) || attempt === attempts) return { ok: false, error: last };
        await sleep(Math.min(maxDelayMs, retryAfterMs(last) ?? 250 * 2 ** (attempt - 1)));
      }
    }
    return { ok: false, error: last };
  }

  const failure = (error: GraphError | Error) =>
    ({ ok: false, reason: retryable(error) ? 'UNAVAILABLE' : 'REFUSED', message: describe(error) }) as const;

  async function findAccountByEmail(email: string): Promise<FindAccountResult> {
    const found = await send<{ value: { id: string; displayName?: string | null }[] }>(
      () =>
        client
          .api('/users')
          .filter(`identities/any(c:c/issuerAssignedId eq ${quoted(email)} and c/issuer eq ${quoted(tenantDomain)})`)
          .select('id,displayName')
          .get() as Promise<unknown>,
    );
    if (!found.ok) return failure(found.error);
    const user = found.value.value[0];
    return {
      ok: true,
      account: user === undefined ? null : { objectId: user.id, displayName: user.displayName ?? null },
    };
  }

  return {
    name: `Azure B2C ${tenantDomain} (Microsoft Graph)`,
    findAccountByEmail,

    async createMediaAccount(account: NewMediaAccount): Promise<CreateMediaAccountResult> {
      const created = await send<{ id: string }>(
        () =>
          client.api('/users').post({
            accountEnabled: true,
            displayName: account.displayName,
            givenName: account.givenName,
            surname: account.familyName,
            mail: account.email,
            identities: [{ signInType: 'emailAddress', issuer: tenantDomain, issuerAssignedId: account.email }],
            passwordProfile: { password: newPassword(), forceChangePasswordNextSignIn: false },
            passwordPolicies: 'DisablePasswordExpiration',
            [attribute(B2C_USER_ROLE)]: 'VERIFIED',
            [attribute(B2C_ACCOUNT_STATUS)]: B2C_ACTIVE_STATUS,
            [attribute(B2C_VERIFIED)]: true,
          }) as Promise<unknown>,
      );
      if (created.ok) return { ok: true, objectId: created.value.id, existed: false };
      if (!alreadyExists(created.error)) return failure(created.error);
      const existing = await findAccountByEmail(account.email);
      if (!existing.ok) return existing;
      if (existing.account === null) {
        return {
          ok: false,
          reason: 'REFUSED',
          message: `${describe(created.error)}; yet no account signs in with ${account.email}`,
        };
      }
      return { ok: true, objectId: existing.account.objectId, existed: true };
    },

    async deleteMediaAccount(objectId: string): Promise<DeleteMediaAccountResult> {
      const deleted = await send<unknown>(
        () => client.api(`/users/${encodeURIComponent(objectId)}`).delete() as Promise<unknown>,
      );
      if (deleted.ok) return { ok: true, existed: true };
      if (statusOf(deleted.error) === 404) return { ok: true, existed: false };
      return failure(deleted.error);
    },
  };
}
