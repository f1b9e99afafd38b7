/**
 * The local identity provider: the stand-in for Azure AD (API clients), Azure B2C (media users and P&I admins),
 * CFT IDAM and Crime IDAM. Four instances of the certified `oidc-provider`, each its own issuer with its own RS256
 * signing key, mounted under `/aad`, `/b2c`, `/cft-idam` and `/crime-idam` of one plain-HTTP loopback server.
 * Discovery and JWKS work for each issuer; access tokens are JWTs for the API audience.
 *
 * Seeded clients and people are in local-identities.ts; every person's password is `password`.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type {
  Account,
  ClientMetadata,
  Configuration,
  Interaction,
  ResourceServerInfo,
  UnknownObject,
} from 'oidc-provider';

import { z } from 'zod';
import { B2C_FLOW_PAGES, b2cFlowKinds } from '../../shared/auth/b2c-flows.js';
import { b2cPage, messagePage, signInPage, signOutPage, type B2cError } from './interaction-pages.js';
import {
  API_AUDIENCE,
  API_CLIENTS,
  API_SCOPE,
  b2cUser,
  CLI_CLIENT_ID,
  CLI_REDIRECT_URI,
  DEFAULT_WEB_REDIRECT_URIS,
  ISSUER_NAMES,
  ISSUER_PATHS,
  ISSUER_SCOPE_CLAIMS,
  issuerUrl,
  LOCAL_B2C_FLOWS,
  THIRD_PARTY_PUSH_CLIENT,
  usersOf,
  WEB_CLIENT_ID,
  WEB_CLIENT_SECRET,
  type IssuerKey,
  type LocalRole,
  type PeopleIssuerKey,
  type SeededUser,
} from './local-identities.js';
import { createMemoryAdapterFactory } from './memory-adapter.js';
import { fetchTokenForRole } from './token-flows.js';

export type { LocalRole } from './local-identities.js';
export { fetchTokenForRole } from './token-flows.js';

export interface LocalIdentityProvider {
  /** e.g. http://127.0.0.1:7072 */
  baseUrl: string;
  /** Issuer URLs, e.g. `${baseUrl}/aad`. */
  issuers: { aad: string; b2c: string; cftIdam: string; crimeIdam: string };
  /**
   * Where approved media accounts are made (`POST`, JSON): the stand-in for creating a B2C user through Microsoft
   * Graph (shared/media-accounts/media-account-directory.ts `localMediaAccountDirectory`).
   */
  mediaAccountEndpoint: string;
  /** The audience our API expects in access tokens. */
  apiAudience: string;
  /** The confidential client for the server-rendered sign-in on b2c, cft-idam and crime-idam (client_secret_post). */
  webClient: { clientId: string; clientSecret: string; redirectUris: string[] };
  /** A signed JWT access token for that role, obtained through the real protocol. */
  issueToken(role: LocalRole): Promise<string>;
  stop(): Promise<void>;
}

/** The service's identity settings (shared/config/settings.ts) that point at this provider. */
export function identitySettingsOf(provider: LocalIdentityProvider): {
  AAD_ISSUER: string;
  AAD_AUDIENCE: string;
  B2C_ISSUER: string;
  CFT_IDAM_ISSUER: string;
  CRIME_IDAM_ISSUER: string;
  WEB_CLIENT_ID: string;
  WEB_CLIENT_SECRET: string;
} {
  return {
    AAD_ISSUER: provider.issuers.aad,
    AAD_AUDIENCE: provider.apiAudience,
    B2C_ISSUER: provider.issuers.b2c,
    CFT_IDAM_ISSUER: provider.issuers.cftIdam,
    CRIME_IDAM_ISSUER: provider.issuers.crimeIdam,
    WEB_CLIENT_ID: provider.webClient.clientId,
    WEB_CLIENT_SECRET: provider.webClient.clientSecret,
  };
}

export interface LocalIdentityProviderOptions {
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to 7072; 0 picks a free port. */
  port?: number;
  /** Redirect URIs of the web client; defaults to DEFAULT_WEB_REDIRECT_URIS. */
  webRedirectUris?: string[];
  /** Where the issuers may send a person after signing out of the web client; defaults to none. */
  webPostLogoutRedirectUris?: string[];
  /** People besides the seeded ones, e.g. a CFT IDAM citizen a test signs in to see refused. */
  extraUsers?: readonly SeededUser[];
  /**
   * The site that hosts web-static/b2c/ (the B2C user flow templates and their styles); defaults to the origin of the
   * first web redirect URI (the portal, which serves them).
   */
  siteUrl?: string;
}

type OidcProviderModule = typeof import('oidc-provider');
type Provider = InstanceType<OidcProviderModule['default']>;

let oidcProviderModule: Promise<OidcProviderModule> | undefined;

/**
 * oidc-provider 9 warns on import that Node 20 is not a runtime it supports; it runs correctly on 20 (checked
 * here, see shared/PLATFORM.md), so that one notice is swallowed to keep the local runtime's output clean.
 */
function loadOidcProvider(): Promise<OidcProviderModule> {
  oidcProviderModule ??= (async () => {
    const original = Object.getOwnPropertyDescriptor(console, 'warn');
    const warn = console.warn.bind(console);
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
      warn(...args);
    };
    try {
      return await import('oidc-provider');
    } finally {
      if (original !== undefined) Object.defineProperty(console, 'warn', original);
    }
  })();
  return oidcProviderModule;
}

const TTL = {
  AccessToken: 3600,
  AuthorizationCode: 60,
  ClientCredentials: 3600,
  IdToken: 3600,
  Interaction: 3600,
  RefreshToken: 24 * 3600,
  Session: 8 * 3600,
  Grant: 8 * 3600,
};

const API_RESOURCE_SERVER: ResourceServerInfo = {
  scope: API_SCOPE,
  audience: API_AUDIENCE,
  accessTokenFormat: 'jwt',
  accessTokenTTL: TTL.AccessToken,
  jwt: { sign: { alg: 'RS256' } },
};

/** The local stand-in for a third party's receiver: what pushed publications are sent with a token for. */
const PUSH_RESOURCE_SERVER: ResourceServerInfo = {
  scope: THIRD_PARTY_PUSH_CLIENT.scope,
  audience: THIRD_PARTY_PUSH_CLIENT.audience,
  accessTokenFormat: 'jwt',
  accessTokenTTL: TTL.ClientCredentials,
  jwt: { sign: { alg: 'RS256' } },
};

async function generateSigningKey(): Promise<UnknownObject> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

function withoutSubject(claims: Readonly<Record<string, unknown>>): UnknownObject {
  return Object.fromEntries(Object.entries(claims).filter(([name]) => name !== 'sub'));
}

interface WebClientSettings {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

/** B2C's user flow names the local B2C issuer answers for (`p=` on authorize, a path segment for discovery). */
const B2C_FLOW_NAMES: readonly string[] = Object.values(LOCAL_B2C_FLOWS);

/** The flow a B2C authorization request names (`p`), as B2C spells it; the sign-in flow when it names none. */
function b2cFlowOf(requested: unknown): string | undefined {
  if (requested === undefined || requested === null || requested === '') return LOCAL_B2C_FLOWS.signIn;
  return typeof requested === 'string'
    ? B2C_FLOW_NAMES.find((flow) => flow.toLowerCase() === requested.toLowerCase())
    : undefined;
}

function clientsFor(issuer: IssuerKey, web: WebClientSettings): ClientMetadata[] {
  if (issuer === 'aad') {
    return [...Object.values(API_CLIENTS), THIRD_PARTY_PUSH_CLIENT].map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      client_name: client.name,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_post',
    }));
  }
  return [
    {
      client_id: WEB_CLIENT_ID,
      client_secret: WEB_CLIENT_SECRET,
      client_name: 'P&I Service',
      redirect_uris: web.redirectUris,
      post_logout_redirect_uris: web.postLogoutRedirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
    {
      client_id: CLI_CLIENT_ID,
      client_name: 'Local token CLI',
      application_type: 'native',
      redirect_uris: [CLI_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
  ];
}

function configurationFor(
  issuer: IssuerKey,
  signingKey: UnknownObject,
  web: WebClientSettings,
  errors: OidcProviderModule['errors'],
  people: readonly SeededUser[],
): Configuration {
  const serviceName = ISSUER_NAMES[issuer];
  const scopeClaims = issuer === 'aad' ? {} : ISSUER_SCOPE_CLAIMS[issuer];
  const id = issuer.toLowerCase();

  return {
    adapter: createMemoryAdapterFactory(),
    clients: clientsFor(issuer, web),
    jwks: { keys: [signingKey] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // One host serves four issuers (and maybe the web app): distinct names keep their cookies apart.
      names: { session: `_${id}_session`, interaction: `_${id}_interaction`, resume: `_${id}_interaction_resume` },
    },
    claims: { acr: null, auth_time: null, iss: null, sid: null, openid: ['sub'], ...scopeClaims },
    scopes: [...new Set(['openid', 'offline_access', ...Object.keys(scopeClaims)])],
    responseTypes: ['code'],
    // B2C: the ID token carries the user flow's claims. The IDAMs: the ID token names the person and the profile
    // (CFT IDAM's roles included) is read from UserInfo with the access token (seed 3.3.4.1 step 3).
    conformIdTokenClaims: issuer !== 'b2c',
    // B2C picks the user flow with `p` (https://<tenant>.b2clogin.com/<tenant>.onmicrosoft.com/oauth2/v2.0/authorize?p=...).
    extraParams: issuer === 'b2c' ? ['p'] : [],
    // The login's `acr` is the user flow's name in lower case, as B2C's `acr` claim is.
    acrValues: issuer === 'b2c' ? B2C_FLOW_NAMES.map((flow) => flow.toLowerCase()) : [],
    pkce: { required: () => true },
    ttl: TTL,
    clientBasedCORS: () => false,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: issuer === 'aad' },
      resourceIndicators: {
        enabled: true,
        // The push client's tokens are for the third party's receiver; every other client's for our API.
        // The web client's tokens at the IDAMs are for their UserInfo endpoint (and revocation), as the real ones are.
        defaultResource: (_ctx, client) =>
          Promise.resolve(
            client.clientId === THIRD_PARTY_PUSH_CLIENT.clientId
              ? THIRD_PARTY_PUSH_CLIENT.audience
              : client.clientId === WEB_CLIENT_ID && (issuer === 'cftIdam' || issuer === 'crimeIdam')
                ? undefined
                : API_AUDIENCE,
          ),
        // Tokens from the code exchange are for the API even though `openid` was asked for too.
        useGrantedResource: () => Promise.resolve(true),
        getResourceServerInfo: (_ctx, indicator, client) => {
          const pushClient = client.clientId === THIRD_PARTY_PUSH_CLIENT.clientId;
          if (indicator === API_AUDIENCE && !pushClient) return Promise.resolve(API_RESOURCE_SERVER);
          if (indicator === THIRD_PARTY_PUSH_CLIENT.audience && pushClient)
            return Promise.resolve(PUSH_RESOURCE_SERVER);
          return Promise.reject(new errors.InvalidTarget(`unknown resource ${indicator}`));
        },
      },
      // CFT IDAM invalidates access tokens at sign-out (seed 3.3.4.1 step 4); Crime IDAM and B2C do not offer it.
      // A client may revoke only the tokens issued to it, as CFT IDAM allows.
      revocation: {
        enabled: issuer === 'cftIdam',
        allowedPolicy: (_ctx, client, token) => Promise.resolve(token.clientId === client.clientId),
      },
      rpInitiatedLogout: {
        enabled: issuer !== 'aad',
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = signOutPage(serviceName, form);
          return Promise.resolve();
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = messagePage('Signed out', `You have signed out of ${serviceName}.`);
          return Promise.resolve();
        },
      },
    },
    extraTokenClaims: (_ctx, token) => {
      if (token.accountId !== undefined) {
        const user = people.find((candidate) => candidate.accountId === token.accountId);
        return Promise.resolve(
          user === undefined ? undefined : { ...withoutSubject(user.claims), azp: token.clientId },
        );
      }
      const client = Object.values(API_CLIENTS).find((candidate) => candidate.clientId === token.clientId);
      if (client === undefined) return Promise.resolve(undefined);
      // Azure AD app-only tokens: app roles, the calling app (azp) and its service principal (oid).
      return Promise.resolve({ roles: [...client.roles], azp: client.clientId, oid: client.objectId, idtyp: 'app' });
    },
    findAccount: (_ctx, sub, token) => {
      const user = people.find((candidate) => candidate.accountId === sub);
      if (user === undefined) return Promise.resolve(undefined);
      // B2C names the user flow the person came through (`tfp`); the sign-in recorded it as the login's `acr`.
      const acr = (token as { acr?: unknown } | undefined)?.acr;
      const flowClaims = issuer === 'b2c' ? { tfp: b2cFlowOf(acr) ?? LOCAL_B2C_FLOWS.signIn } : {};
      const account: Account = {
        accountId: user.accountId,
        claims: () => ({ ...withoutSubject(user.claims), ...flowClaims, sub: user.accountId }),
      };
      return Promise.resolve(account);
    },
    interactions: {
      url: (_ctx, interaction) => Promise.resolve(`${ISSUER_PATHS[issuer]}/interaction/${interaction.uid}`),
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = messagePage(
        `Sign-in error - ${serviceName} (local)`,
        out.error_description === undefined ? out.error : `${out.error}: ${out.error_description}`,
      );
      return Promise.resolve();
    },
  };
}

interface Mount {
  issuer: IssuerKey;
  path: string;
  /** The issuer's people: the seeded ones, then media accounts added through `POST /b2c/local-users`. */
  people: SeededUser[];
  /** The issuer's URL (absolute: the B2C pages are on the site's origin, their form posts to the provider). */
  issuerUrl: string;
  provider: Provider;
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  });
  res.end(body);
}

function sendPage(res: ServerResponse, status: number, html: string): void {
  send(res, status, 'text/html; charset=utf-8', html);
}

const MAX_FORM_BYTES = 16 * 1024;

async function readText(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new RangeError('form too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readText(req));
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function findUser(people: readonly SeededUser[], username: string, password: string): SeededUser | undefined {
  const wanted = username.trim().toLowerCase();
  const user = people.find((candidate) => candidate.username.toLowerCase() === wanted);
  return user !== undefined && samePassword(password, user.password) ? user : undefined;
}

/** Grants what the client asked for: the local provider consents on the person's behalf. */
async function consent(provider: Provider, interaction: Interaction): Promise<string> {
  const accountId = interaction.session?.accountId;
  const clientId = interaction.params.client_id;
  if (accountId === undefined || typeof clientId !== 'string') throw new Error('consent without a signed-in person');
  const existing = interaction.grantId === undefined ? undefined : await provider.Grant.find(interaction.grantId);
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = interaction.prompt.details;
  if (missingOIDCScope !== undefined) grant.addOIDCScope(missingOIDCScope.join(' '));
  if (missingOIDCClaims !== undefined) grant.addOIDCClaims(missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  return grant.save();
}

/** What B2C answers on the redirect URI when a person picks "Forgot your password?" or cancels a flow. */
const B2C_FORGOT_PASSWORD = 'AADB2C90118: The user has forgotten their password.';
const B2C_CANCELLED = 'AADB2C90091: The user has cancelled entering self-asserted information.';

/**
 * The B2C user flow pages: the GOV.UK templates of web-static/b2c/ (what B2C shows in Azure) with the local form in
 * them. Sign-in flow: email and password, and "Forgot your password?", which ends the flow with AADB2C90118 as B2C
 * does. Password-reset flow, and the approved-media sign-up: the email and a new password (B2C also mails a code:
 * not here), or Cancel (AADB2C90091).
 */
async function handleB2cInteraction(
  mount: Mount,
  interaction: Interaction,
  req: IncomingMessage,
  res: ServerResponse,
  step: string | undefined,
  siteOrigin: string,
): Promise<void> {
  const flow = b2cFlowOf(interaction.params.p) ?? LOCAL_B2C_FLOWS.signIn;
  // B2C's Welsh is the custom language cy-GB (B2C_UI_LOCALES); its pages are /b2c/cy/ ({Culture:LanguageName}).
  const locale = interaction.params.ui_locales;
  const lng = typeof locale === 'string' && /^cy(-|$)/i.test(locale) ? 'cy' : 'en';
  const base = `${mount.issuerUrl}/interaction/${interaction.uid}`;
  const kind = b2cFlowKinds.find((each) => LOCAL_B2C_FLOWS[each] === flow) ?? 'signIn';
  const page = B2C_FLOW_PAGES[kind];
  const seededUsernames = mount.people.map((user) => user.username);
  const show = async (options: { username?: string; error?: B2cError }): Promise<void> => {
    const formAction = `${base}/${page === 'sign-in' ? 'login' : 'reset'}`;
    sendPage(
      res,
      200,
      await b2cPage({
        page,
        lng,
        siteOrigin,
        formAction,
        forgotUrl: `${base}/forgot`,
        cancelUrl: `${base}/cancel`,
        seededUsernames,
        ...options,
      }),
    );
  };
  const finish = (accountId: string): Promise<void> =>
    mount.provider.interactionFinished(
      req,
      res,
      { login: { accountId, acr: flow.toLowerCase(), amr: ['pwd'] } },
      { mergeWithLastSubmission: false },
    );

  if (step === undefined && req.method === 'GET') {
    const hint = interaction.params.login_hint;
    await show({ username: typeof hint === 'string' ? hint : '' });
    return;
  }
  if (step === 'forgot' && req.method === 'GET' && page === 'sign-in') {
    await mount.provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: B2C_FORGOT_PASSWORD,
    });
    return;
  }
  if (step === 'cancel' && req.method === 'GET') {
    await mount.provider.interactionFinished(req, res, { error: 'access_denied', error_description: B2C_CANCELLED });
    return;
  }
  if (step === 'login' && req.method === 'POST' && page === 'sign-in') {
    const form = await readForm(req);
    const username = form.get('username') ?? '';
    const user = findUser(mount.people, username, form.get('password') ?? '');
    if (user === undefined) {
      await show({ username, error: 'wrongPassword' });
      return;
    }
    await finish(user.accountId);
    return;
  }
  // Password reset, and an approved media user's sign-up: the account exists; the person sets its password.
  if (step === 'reset' && req.method === 'POST' && page !== 'sign-in') {
    const form = await readForm(req);
    const username = (form.get('username') ?? '').trim();
    const index = mount.people.findIndex((person) => person.username.toLowerCase() === username.toLowerCase());
    const person = mount.people[index];
    if (person === undefined) {
      await show({ username, error: 'unknownEmail' });
      return;
    }
    const password = form.get('newPassword') ?? '';
    if (password.length < 8 || password !== form.get('confirmPassword')) {
      await show({ username, error: 'passwordsDiffer' });
      return;
    }
    // A new record, not a change to the seeded one: other providers in this process keep the seeded password.
    mount.people[index] = { ...person, password };
    await finish(person.accountId);
    return;
  }
  sendPage(res, 405, messagePage('Not allowed', 'This sign-in step does not accept that request.'));
}

async function handleInteraction(
  mount: Mount & { issuer: PeopleIssuerKey },
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
  step: string | undefined,
  errors: OidcProviderModule['errors'],
  siteOrigin: string,
): Promise<void> {
  const serviceName = ISSUER_NAMES[mount.issuer];
  const isLoginSubmission = step === 'login';
  try {
    const interaction = await mount.provider.interactionDetails(req, res);
    if (interaction.uid !== uid) throw new errors.SessionNotFound('interaction mismatch');
    if (mount.issuer === 'b2c' && interaction.prompt.name === 'login') {
      await handleB2cInteraction(mount, interaction, req, res, step, siteOrigin);
      return;
    }
    if (step !== undefined && step !== 'login') throw new errors.SessionNotFound('no such step');
    const formAction = `${mount.path}/interaction/${interaction.uid}/login`;
    const seededUsernames = mount.people.map((user) => user.username);

    if (interaction.prompt.name === 'login' && !isLoginSubmission && req.method === 'GET') {
      const hint = interaction.params.login_hint;
      sendPage(
        res,
        200,
        signInPage({ serviceName, formAction, seededUsernames, username: typeof hint === 'string' ? hint : '' }),
      );
      return;
    }
    if (interaction.prompt.name === 'login' && isLoginSubmission && req.method === 'POST') {
      const form = await readForm(req);
      const username = form.get('username') ?? '';
      const user = findUser(mount.people, username, form.get('password') ?? '');
      if (user === undefined) {
        const error = 'Enter a valid username and password.';
        sendPage(res, 200, signInPage({ serviceName, formAction, seededUsernames, username, error }));
        return;
      }
      await mount.provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.accountId, amr: ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (interaction.prompt.name === 'consent' && !isLoginSubmission && req.method === 'GET') {
      const grantId = await consent(mount.provider, interaction);
      await mount.provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    sendPage(res, 405, messagePage('Not allowed', 'This sign-in step does not accept that request.'));
  } catch (error) {
    if (error instanceof errors.SessionNotFound) {
      sendPage(
        res,
        400,
        messagePage(
          'Sign-in session not found',
          'Your sign-in session has expired. Go back to the service and sign in again.',
        ),
      );
      return;
    }
    throw error;
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Under the B2C issuer: the endpoint that adds a verified media user (local only; Azure B2C uses Microsoft Graph). */
const MEDIA_ACCOUNT_PATH = '/local-users';

const mediaAccountRequest = z.object({
  email: z
    .string()
    .trim()
    .min(3)
    .max(254)
    .regex(/^[^\s@]+@[^\s@]+$/),
  givenName: z.string().trim().min(1).max(200),
  familyName: z.string().trim().min(1).max(200),
  displayName: z.string().trim().min(1).max(400),
  roles: z.array(z.literal('VERIFIED')).min(1),
});

/**
 * `POST /b2c/local-users`: adds a B2C person with the VERIFIED role who signs in with their email and the seeded
 * password (`password`); 201 `{ objectId }`, 409 when the email already has an account, 400 for a bad body.
 */
async function addMediaAccount(people: SeededUser[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    send(res, 405, 'application/json', JSON.stringify({ error: 'method_not_allowed' }));
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(await readText(req));
  } catch {
    send(res, 400, 'application/json', JSON.stringify({ error: 'invalid_json' }));
    return;
  }
  const parsed = mediaAccountRequest.safeParse(body);
  if (!parsed.success) {
    send(res, 400, 'application/json', JSON.stringify({ error: 'invalid_request' }));
    return;
  }
  const { email, givenName, familyName } = parsed.data;
  if (people.some((person) => person.username.toLowerCase() === email.toLowerCase())) {
    send(res, 409, 'application/json', JSON.stringify({ error: 'already_exists' }));
    return;
  }
  const user = b2cUser(randomUUID(), email, givenName, familyName, 'VERIFIED');
  people.push(user);
  send(res, 201, 'application/json', JSON.stringify({ objectId: user.accountId }));
}

/** `DELETE /b2c/local-users/{objectId}`: removes a media account (the lifecycle timer); 204, or 404 if unknown. */
function deleteMediaAccount(people: SeededUser[], objectId: string, res: ServerResponse): void {
  const index = people.findIndex((person) => person.accountId === objectId);
  if (index === -1) {
    send(res, 404, 'application/json', JSON.stringify({ error: 'not_found' }));
    return;
  }
  people.splice(index, 1);
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}

/**
 * A B2C user flow's discovery document: the tenant's, with the flow's authorize endpoint (`?p=<flow>`), as B2C serves
 * one per flow; 404 for a flow the tenant does not have.
 */
async function sendFlowDiscovery(mount: Mount, flowName: string, res: ServerResponse): Promise<void> {
  const flow = b2cFlowOf(flowName);
  if (flow === undefined) {
    send(res, 404, 'application/json', JSON.stringify({ error: 'unknown_user_flow' }));
    return;
  }
  const response = await fetch(`${mount.issuerUrl}/.well-known/openid-configuration`);
  const discovery = (await response.json()) as Record<string, unknown>;
  const authorize = new URL(String(discovery.authorization_endpoint));
  authorize.searchParams.set('p', flow);
  send(res, 200, 'application/json', JSON.stringify({ ...discovery, authorization_endpoint: authorize.href }));
}

const INTERACTION_ROUTE = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|forgot|cancel|reset))?$/;
/** B2C's per-flow discovery: `/<flow>/v2.0/.well-known/openid-configuration` under the tenant. */
const B2C_FLOW_DISCOVERY = /^\/([A-Za-z0-9_-]+)\/v2\.0\/\.well-known\/openid-configuration$/;

export async function startLocalIdentityProvider(
  options: LocalIdentityProviderOptions = {},
): Promise<LocalIdentityProvider> {
  const host = options.host ?? '127.0.0.1';
  const web: WebClientSettings = {
    redirectUris: [...(options.webRedirectUris ?? DEFAULT_WEB_REDIRECT_URIS)],
    postLogoutRedirectUris: [...(options.webPostLogoutRedirectUris ?? [])],
  };
  const siteOrigin = new URL(options.siteUrl ?? web.redirectUris[0] ?? 'http://127.0.0.1:7071').origin;
  const { default: ProviderClass, errors } = await loadOidcProvider();
  const issuerKeys = Object.keys(ISSUER_PATHS) as IssuerKey[];
  const signingKeys = await Promise.all(issuerKeys.map(() => generateSigningKey()));

  // Set once the server is listening and the providers exist; until then requests are answered 503.
  let ready: { issuers: LocalIdentityProvider['issuers']; mounts: Mount[] } | undefined;
  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      sendPage(res, 500, messagePage('Local identity provider error', message));
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (ready === undefined) {
      send(res, 503, 'application/json', JSON.stringify({ error: 'starting' }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname === '/' && req.method === 'GET') {
      send(res, 200, 'application/json', JSON.stringify({ issuers: ready.issuers, apiAudience: API_AUDIENCE }));
      return;
    }
    const mount = ready.mounts.find(({ path }) => url.pathname === path || url.pathname.startsWith(`${path}/`));
    if (mount === undefined) {
      send(res, 404, 'application/json', JSON.stringify({ error: 'not_found' }));
      return;
    }
    const rest = url.pathname.slice(mount.path.length);
    if (mount.issuer === 'b2c' && rest === MEDIA_ACCOUNT_PATH) {
      await addMediaAccount(mount.people, req, res);
      return;
    }
    if (mount.issuer === 'b2c' && rest.startsWith(`${MEDIA_ACCOUNT_PATH}/`) && req.method === 'DELETE') {
      deleteMediaAccount(mount.people, decodeURIComponent(rest.slice(MEDIA_ACCOUNT_PATH.length + 1)), res);
      return;
    }
    const interaction = INTERACTION_ROUTE.exec(rest);
    if (interaction?.[1] !== undefined && mount.issuer !== 'aad') {
      const peopleMount = { ...mount, issuer: mount.issuer };
      await handleInteraction(peopleMount, req, res, interaction[1], interaction[2], errors, siteOrigin);
      return;
    }
    const flowDiscovery = mount.issuer === 'b2c' ? B2C_FLOW_DISCOVERY.exec(rest) : null;
    if (flowDiscovery?.[1] !== undefined && req.method === 'GET') {
      await sendFlowDiscovery(mount, flowDiscovery[1], res);
      return;
    }
    // oidc-provider works out its mount path from originalUrl, as when mounted in Express.
    Object.assign(req, { originalUrl: req.url });
    req.url = `${rest === '' ? '/' : rest}${url.search}`;
    await mount.handle(req, res);
  }

  function stop(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      server.close((error) => {
        if (error === undefined) resolve();
        else reject(error);
      });
      server.closeAllConnections();
    });
  }

  await listen(server, options.port ?? 7072, host);
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${urlHost(host)}:${port}`;
  const issuers = {
    aad: issuerUrl(baseUrl, 'aad'),
    b2c: issuerUrl(baseUrl, 'b2c'),
    cftIdam: issuerUrl(baseUrl, 'cftIdam'),
    crimeIdam: issuerUrl(baseUrl, 'crimeIdam'),
  };
  try {
    const mounts = issuerKeys.map((issuer, index): Mount => {
      const signingKey = signingKeys[index];
      if (signingKey === undefined) throw new Error(`no signing key for ${issuer}`);
      const people =
        issuer === 'aad'
          ? []
          : [...usersOf(issuer), ...(options.extraUsers ?? []).filter((user) => user.issuer === issuer)];
      const provider = new ProviderClass(issuers[issuer], configurationFor(issuer, signingKey, web, errors, people));
      return {
        issuer,
        path: ISSUER_PATHS[issuer],
        people,
        issuerUrl: issuers[issuer],
        provider,
        handle: provider.callback(),
      };
    });
    ready = { issuers, mounts };
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    baseUrl,
    issuers,
    mediaAccountEndpoint: `${issuers.b2c}${MEDIA_ACCOUNT_PATH}`,
    apiAudience: API_AUDIENCE,
    webClient: { clientId: WEB_CLIENT_ID, clientSecret: WEB_CLIENT_SECRET, redirectUris: web.redirectUris },
    issueToken: (role) => fetchTokenForRole(baseUrl, role),
    stop,
  };
}
