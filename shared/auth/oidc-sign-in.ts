/**
 * Signing people in: the OpenID Connect relying party for Azure B2C, CFT IDAM and Crime IDAM (authorization code
 * flow with PKCE S256, state and nonce), built on `openid-client`. The web pages call three things:
 *
 *   startSignIn      → the provider's authorization URL, and a pending sign-in to keep (sealed in a cookie) until
 *                      the person comes back;
 *   completeSignIn   → the callback checked against the pending sign-in, the code exchanged, the ID token verified
 *                      and mapped to a Principal (the same rules as bearer tokens), the user record written, and
 *                      SIGN_IN audited (SUCCESS, or FAILURE with a reason);
 *   signOut          → our session ended, SIGN_OUT audited, and the provider's end-session URL (RP-initiated
 *                      logout) to send the browser to.
 *
 * Expected failures (a forged or stale callback, a refused sign-in, an unreachable provider) are values with
 * stable reason codes; nothing the browser sends can make these functions throw.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { AnonymousAudit } from '../audit/anonymous-audit.js';
import { recordAuditEvent } from '../audit/audit-log.js';
import { logEvent, type EventLogger } from '../logging/log-event.js';
import type { IdentitySettings, WebSignInSettings } from '../config/settings.js';
import type { Database } from '../db/database.js';
import { findUserByProvenance, namesFromClaims, upsertUserOnSignIn, type UserRecord } from '../users/user-store.js';
import type { Principal } from './principal.js';
import type { SessionStore } from './session-store.js';
import { effectiveRoles, roleRulesFrom, type RoleRules } from './role-sources.js';
import { principalFromClaims } from './token-verifier.js';
import { B2C_UI_LOCALES, b2cFlowDiscoveryUrl, b2cFlowKinds, DEFAULT_B2C_FLOWS, type B2cFlowKind } from './b2c-flows.js';

/** The identity services people sign in at (token-verifier's IssuerKind without Azure AD, which is for services). */
export const peopleIssuerKinds = ['b2c', 'cftIdam', 'crimeIdam'] as const;
export type PeopleIssuerKind = (typeof peopleIssuerKinds)[number];

export function isPeopleIssuerKind(value: unknown): value is PeopleIssuerKind {
  return typeof value === 'string' && (peopleIssuerKinds as readonly string[]).includes(value);
}

export const signInFailureReasons = [
  /** No pending sign-in came back with the callback (no cookie, or one we cannot open). */
  'SIGN_IN_NOT_FOUND',
  /** The pending sign-in is older than its time limit. */
  'SIGN_IN_EXPIRED',
  /** The callback's state is not the one we sent: a forged or crossed callback (login CSRF). */
  'STATE_MISMATCH',
  /** The provider answered error=access_denied (the person or the provider refused). */
  'ACCESS_DENIED',
  /** The provider answered another error (login_required, server_error, ...). */
  'PROVIDER_ERROR',
  /** The provider's discovery document or token endpoint could not be reached. */
  'PROVIDER_UNAVAILABLE',
  /** The token endpoint refused the code (used before, expired, wrong PKCE verifier, wrong client). */
  'TOKEN_EXCHANGE_FAILED',
  /** The ID token's nonce is not the one we sent: a replayed or injected ID token. */
  'NONCE_MISMATCH',
  /** The ID token failed another check (signature, issuer, audience, time). */
  'ID_TOKEN_INVALID',
  /** The ID token lacks the claims this provider must send. */
  'CLAIMS_INVALID',
  /** The person has no role that lets them sign in here (e.g. a CFT IDAM citizen account). */
  'ROLE_NOT_ALLOWED',
  /**
   * Not a failure: the person chose "Forgot your password?" at B2C (AADB2C90118); the page sends them to the
   * password-reset user flow (startSignIn with flow `passwordReset`) and back.
   */
  'PASSWORD_RESET_REQUESTED',
  /** Not a failure: the person cancelled a B2C user flow (AADB2C90091); the page sends them back to the choice. */
  'CANCELLED',
] as const;
export type SignInFailureReason = (typeof signInFailureReasons)[number];

export { b2cFlowKinds, DEFAULT_B2C_FLOWS, type B2cFlowKind } from './b2c-flows.js';
/** B2C's callback error codes (in error_description) that are a person's choice, not a failure. */
export const B2C_FORGOT_PASSWORD = 'AADB2C90118';
export const B2C_CANCELLED = 'AADB2C90091';

/** What is kept between startSignIn and completeSignIn (seal it into a cookie with sealPendingSignIn). */
export interface PendingSignIn {
  issuer: PeopleIssuerKind;
  /** The B2C user flow the person was sent through (B2C only; signIn when absent). */
  flow?: B2cFlowKind;
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  lng: 'en' | 'cy';
  /** ISO 8601. */
  createdAt: string;
}

export interface StartedSignIn {
  authorizationUrl: URL;
  pending: PendingSignIn;
}

export type SignInResult =
  | {
      ok: true;
      issuer: PeopleIssuerKind;
      principal: Principal;
      /** The person's record (user.userId is our id for them, for the session). */
      user: UserRecord;
      idTokenClaims: Readonly<Record<string, unknown>>;
      idToken: string;
      /**
       * The access token sealed under the token-sealing secret, kept in the session so that sign-out can revoke it
       * (issuers with a revocation endpoint: CFT IDAM); null where there is nothing to revoke.
       */
      sealedAccessToken: string | null;
      lng: 'en' | 'cy';
    }
  | {
      ok: false;
      reason: SignInFailureReason;
      /** The issuer, when the pending sign-in said which. */
      issuer: PeopleIssuerKind | null;
      /** The provider's own error code, for ACCESS_DENIED and PROVIDER_ERROR. */
      providerError?: string;
      lng: 'en' | 'cy';
    };

export interface OidcSignInOptions {
  /** Issuer URL per identity service (B2C_ISSUER, CFT_IDAM_ISSUER, CRIME_IDAM_ISSUER). */
  issuers: Readonly<Record<PeopleIssuerKind, string>>;
  /** The confidential web client, client_secret_post: one id for every issuer, or each issuer's own (issue 19). */
  clientId: string | Readonly<Record<PeopleIssuerKind, string>>;
  /** One secret for every issuer, or each issuer's own (issue 18). */
  clientSecret: string | Readonly<Record<PeopleIssuerKind, string>>;
  /** For the user records and the audit log. */
  database: Database;
  /** Ended by signOut. */
  sessions: SessionStore;
  /** Scopes asked for: one list for every issuer, or each issuer's own; defaults to DEFAULT_SCOPES. */
  scope?: string | Partial<Readonly<Record<PeopleIssuerKind, string>>>;
  /**
   * B2C's authority: each user flow's discovery document is `<authority>/<flow>/v2.0/.well-known/openid-configuration`.
   * Defaults to the B2C issuer (the local stand-in serves the same paths).
   */
  b2cAuthority?: string;
  /** B2C user flow names; defaults to DEFAULT_B2C_FLOWS. */
  b2cFlows?: Partial<Readonly<Record<B2cFlowKind, string>>>;
  /**
   * The secret access tokens are sealed under for the session (SESSION_SECRET), so that sign-out can revoke them.
   * Without it no access token is kept and sign-out revokes nothing.
   */
  tokenSealingSecret?: string;
  /** How long a person has to finish signing in at the provider; defaults to 10 minutes. */
  pendingTtlMs?: number;
  /** Time limit of each call to a provider; defaults to 10 s. */
  providerTimeoutSeconds?: number;
  /** How roles are read from ID tokens (shared/auth/role-sources.ts); the CFT IDAM professional roles from settings. */
  roleRules?: RoleRules;
  /**
   * Where failures nobody is known for are audited (a callback without its cookie, a forged state: an `<img>` on
   * another site can send them), aggregated per kind (shared/audit/anonymous-audit.ts). Without it, each is a row.
   */
  anonymousAudit?: AnonymousAudit;
  now?: () => Date;
}

export interface OidcSignIn {
  /** Each call logs its events (SIGN_IN_STARTED, SIGN_IN_SUCCEEDED, ...) to the invocation's logger, when given. */
  startSignIn(
    issuer: PeopleIssuerKind,
    options: { redirectUri: string; lng?: string | null; flow?: B2cFlowKind },
    logger?: EventLogger,
  ): Promise<StartedSignIn>;
  completeSignIn(pending: PendingSignIn | null, callbackUrl: string | URL, logger?: EventLogger): Promise<SignInResult>;
  /** The provider's RP-initiated logout URL, or null where the provider has no end_session_endpoint. */
  signOutUrl(
    issuer: PeopleIssuerKind,
    options: { idTokenHint?: string | null; postLogoutRedirectUri?: string; lng?: string | null },
  ): Promise<URL | null>;
  /**
   * Ends the session the cookie names, audits SIGN_OUT, and answers where to send the browser next: the provider's
   * logout URL (which comes back to postLogoutRedirectUri), or null when there is nothing to end there.
   */
  signOut(
    sessionId: string | null | undefined,
    options: { postLogoutRedirectUri?: string; lng?: string | null },
    logger?: EventLogger,
  ): Promise<{ signedOut: boolean; logoutUrl: URL | null }>;
}

export const DEFAULT_SIGN_IN_SCOPE = 'openid profile email roles';

/**
 * Each issuer's scopes when settings name none. B2C releases the user flow's application claims whatever the scopes;
 * asking for its own client id gets an access token back (B2C returns none for `openid` alone). CFT IDAM's profile
 * and roles come from UserInfo; Crime IDAM's `uid`, `name` and `email_address` likewise.
 */
export function defaultScopes(kind: PeopleIssuerKind, clientId: string): string {
  switch (kind) {
    case 'b2c':
      return `openid ${clientId}`;
    case 'cftIdam':
      return 'openid profile roles';
    case 'crimeIdam':
      return 'openid profile email';
  }
}

/** Issuers whose UserInfo the sign-in reads after the code exchange (seed 3.3.4.1 step 3; Crime IDAM: docs). */
export const userInfoIssuers: readonly PeopleIssuerKind[] = ['cftIdam', 'crimeIdam'];
export const DEFAULT_PENDING_TTL_MS = 10 * 60_000;

/** Plain HTTP is allowed only for a provider on this machine (the local stand-in); never for a real one. */
export function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return url.protocol === 'http:' && (host === '127.0.0.1' || host === 'localhost' || host === '::1');
}

/** `ui_locales` for an issuer: B2C's own codes (B2C_UI_LOCALES), the page's language for the IDAMs. */
function uiLocales(issuer: PeopleIssuerKind, lng: 'en' | 'cy'): string {
  return issuer === 'b2c' ? B2C_UI_LOCALES[lng] : lng;
}

function languageOf(lng: string | null | undefined): 'en' | 'cy' {
  return lng === 'cy' ? 'cy' : 'en';
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

const pendingSchema = z.object({
  issuer: z.enum(peopleIssuerKinds),
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(43),
  redirectUri: z.url(),
  lng: z.enum(['en', 'cy']),
  createdAt: z.iso.datetime(),
  flow: z.enum(b2cFlowKinds).optional(),
});

export function createOidcSignIn(options: OidcSignInOptions): OidcSignIn {
  const now = options.now ?? (() => new Date());
  const pendingTtl = options.pendingTtlMs ?? DEFAULT_PENDING_TTL_MS;
  const clientIdOf = (kind: PeopleIssuerKind): string =>
    typeof options.clientId === 'string' ? options.clientId : options.clientId[kind];
  const scopeOf = (kind: PeopleIssuerKind): string =>
    (typeof options.scope === 'string' ? options.scope : options.scope?.[kind]) ??
    defaultScopes(kind, clientIdOf(kind));
  const flows: Record<B2cFlowKind, string> = { ...DEFAULT_B2C_FLOWS, ...options.b2cFlows };
  const b2cAuthority = (options.b2cAuthority ?? options.issuers.b2c).replace(/\/+$/, '');
  for (const kind of peopleIssuerKinds) {
    const issuer = new URL(options.issuers[kind]);
    if (issuer.protocol !== 'https:' && !isLoopbackHttp(issuer.href)) {
      throw new Error(`The ${kind} issuer must be an https:// URL (plain http only on loopback): ${issuer.href}`);
    }
  }
  if (!b2cAuthority.startsWith('https://') && !isLoopbackHttp(b2cAuthority)) {
    throw new Error(`The B2C authority must be an https:// URL (plain http only on loopback): ${b2cAuthority}`);
  }

  /**
   * Where each issuer's configuration is discovered. B2C: one discovery document per user flow (its authorize and
   * token endpoints are the flow's); the ID token's issuer is checked against the document's `issuer`, which every
   * flow of a tenant shares. The IDAMs: their issuer's own.
   */
  const discoveryUrl = (kind: PeopleIssuerKind, flow: B2cFlowKind): URL =>
    kind === 'b2c' ? new URL(b2cFlowDiscoveryUrl(b2cAuthority, flows[flow])) : new URL(options.issuers[kind]);

  const configurations = new Map<string, Promise<oidc.Configuration>>();
  const configurationFor = (
    kind: PeopleIssuerKind,
    logger?: EventLogger,
    flow: B2cFlowKind = 'signIn',
  ): Promise<oidc.Configuration> => {
    const key = kind === 'b2c' ? `b2c:${flow}` : kind;
    let configuration = configurations.get(key);
    if (configuration === undefined) {
      const url = discoveryUrl(kind, flow);
      configuration = oidc.discovery(
        url,
        clientIdOf(kind),
        undefined,
        oidc.ClientSecretPost(
          typeof options.clientSecret === 'string' ? options.clientSecret : options.clientSecret[kind],
        ),
        {
          timeout: options.providerTimeoutSeconds ?? 10,
          // Deprecated only as a warning sign; allowed solely for a loopback issuer (checked above).
          // eslint-disable-next-line @typescript-eslint/no-deprecated
          execute: isLoopbackHttp(url.href) ? [oidc.allowInsecureRequests] : [],
        },
      );
      // A failed discovery is not cached: the next sign-in tries again.
      configuration.catch((error: unknown) => {
        configurations.delete(key);
        if (logger)
          logEvent(logger, 'error', 'OIDC_DISCOVERY_FAILED', {
            issuer: kind,
            detail: error instanceof Error ? error.message : String(error),
          });
      });
      configurations.set(key, configuration);
    }
    return configuration;
  };

  const fail = async (
    logger: EventLogger | undefined,
    reason: SignInFailureReason,
    issuer: PeopleIssuerKind | null,
    lng: 'en' | 'cy',
    extra: { providerError?: string; actor?: Principal; detail?: string } = {},
  ): Promise<SignInResult> => {
    const event = {
      action: 'SIGN_IN',
      outcome: 'FAILURE' as const,
      actor: extra.actor ?? null,
      objectType: 'identity_provider',
      ...(issuer === null ? {} : { objectId: issuer }),
      details: {
        reason,
        ...(extra.providerError === undefined ? {} : { providerError: extra.providerError }),
        ...(extra.detail === undefined ? {} : { detail: extra.detail }),
      },
    };
    if (extra.actor === undefined && options.anonymousAudit !== undefined) await options.anonymousAudit.record(event);
    else await recordAuditEvent(options.database, event);
    if (logger)
      logEvent(logger, 'warn', 'SIGN_IN_FAILED', {
        issuer,
        reason,
        ...(extra.actor === undefined ? {} : { userId: extra.actor.userId }),
        ...(extra.detail === undefined ? {} : { detail: extra.detail }),
      });
    return {
      ok: false,
      reason,
      issuer,
      lng,
      ...(extra.providerError === undefined ? {} : { providerError: extra.providerError }),
    };
  };

  /** Which failure an openid-client error from the code exchange stands for. */
  const classify = (error: unknown): { reason: SignInFailureReason; providerError?: string } => {
    if (error instanceof oidc.AuthorizationResponseError) {
      return {
        reason: error.error === 'access_denied' ? 'ACCESS_DENIED' : 'PROVIDER_ERROR',
        providerError: error.error,
      };
    }
    if (error instanceof oidc.ResponseBodyError) return { reason: 'TOKEN_EXCHANGE_FAILED', providerError: error.error };
    if (error instanceof oidc.ClientError) {
      const cause: unknown = error.cause;
      const claim =
        typeof cause === 'object' && cause !== null && 'cause' in cause
          ? (cause.cause as { claim?: unknown }).claim
          : undefined;
      if (error.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claim === 'nonce') return { reason: 'NONCE_MISMATCH' };
      if (error.code?.startsWith('OAUTH_JWT') === true || error.code === 'OAUTH_KEY_SELECTION_FAILED') {
        return { reason: 'ID_TOKEN_INVALID' };
      }
      if (error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || error.code === 'OAUTH_RESPONSE_IS_NOT_JSON') {
        return { reason: 'PROVIDER_UNAVAILABLE' };
      }
      if (error.code === 'OAUTH_INVALID_RESPONSE' && /state/.test(String((cause as Error | undefined)?.message))) {
        return { reason: 'STATE_MISMATCH' };
      }
      return { reason: 'TOKEN_EXCHANGE_FAILED' };
    }
    if (
      error instanceof Error &&
      (error.name === 'TimeoutError' || error.name === 'AbortError' || error.message === 'fetch failed')
    ) {
      return { reason: 'PROVIDER_UNAVAILABLE' };
    }
    return { reason: 'TOKEN_EXCHANGE_FAILED' };
  };

  const signOutUrl: OidcSignIn['signOutUrl'] = async (issuer, signOut) => {
    const configuration = await configurationFor(issuer);
    if (configuration.serverMetadata().end_session_endpoint === undefined) return null;
    const parameters: Record<string, string> = {
      client_id: clientIdOf(issuer),
      ui_locales: uiLocales(issuer, languageOf(signOut.lng)),
    };
    if (signOut.idTokenHint) parameters.id_token_hint = signOut.idTokenHint;
    if (signOut.postLogoutRedirectUri !== undefined)
      parameters.post_logout_redirect_uri = signOut.postLogoutRedirectUri;
    return oidc.buildEndSessionUrl(configuration, parameters);
  };

  /** Seals an access token for the session, where its issuer can revoke it and a sealing secret is given. */
  const sealForRevocation = (configuration: oidc.Configuration, accessToken: string): string | null =>
    options.tokenSealingSecret !== undefined && configuration.serverMetadata().revocation_endpoint !== undefined
      ? sealText(accessToken, options.tokenSealingSecret, ACCESS_TOKEN_CONTEXT)
      : null;

  /** Revokes a signed-out person's access token at their provider (seed 3.3.4.1 step 4): best effort, logged. */
  const revoke = async (
    issuer: PeopleIssuerKind,
    sealed: string | null,
    logger: EventLogger | undefined,
  ): Promise<void> => {
    if (sealed === null || options.tokenSealingSecret === undefined) return;
    const accessToken = openText(sealed, options.tokenSealingSecret, ACCESS_TOKEN_CONTEXT);
    try {
      if (accessToken === null) throw new Error('the kept access token could not be opened');
      const configuration = await configurationFor(issuer, logger);
      await oidc.tokenRevocation(configuration, accessToken, { token_type_hint: 'access_token' });
      if (logger) logEvent(logger, 'info', 'OIDC_TOKEN_REVOKED', { issuer });
    } catch (error) {
      if (logger)
        logEvent(logger, 'warn', 'OIDC_TOKEN_REVOCATION_FAILED', {
          issuer,
          detail: error instanceof Error ? error.message : String(error),
        });
    }
  };

  /** A person's choice at B2C that comes back as an error: not a failure, nothing audited as one. */
  const b2cChoice = (
    callback: URL,
    issuer: PeopleIssuerKind,
    lng: 'en' | 'cy',
    logger: EventLogger | undefined,
  ): SignInResult | null => {
    if (issuer !== 'b2c' || callback.searchParams.get('error') === null) return null;
    const description = callback.searchParams.get('error_description') ?? '';
    if (description.startsWith(B2C_FORGOT_PASSWORD)) {
      if (logger) logEvent(logger, 'info', 'SIGN_IN_PASSWORD_RESET', { issuer });
      return { ok: false, reason: 'PASSWORD_RESET_REQUESTED', issuer, lng, providerError: B2C_FORGOT_PASSWORD };
    }
    if (description.startsWith(B2C_CANCELLED)) {
      if (logger) logEvent(logger, 'info', 'SIGN_IN_CANCELLED', { issuer });
      return { ok: false, reason: 'CANCELLED', issuer, lng, providerError: B2C_CANCELLED };
    }
    return null;
  };

  return {
    async startSignIn(issuer, start, logger) {
      const flow: B2cFlowKind = issuer === 'b2c' ? (start.flow ?? 'signIn') : 'signIn';
      const configuration = await configurationFor(issuer, logger, flow);
      const lng = languageOf(start.lng);
      const pending: PendingSignIn = {
        issuer,
        ...(issuer === 'b2c' ? { flow } : {}),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        redirectUri: start.redirectUri,
        lng,
        createdAt: now().toISOString(),
      };
      const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: start.redirectUri,
        scope: scopeOf(issuer),
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
        // The page's language: B2C shows its user flow pages in it (Welsh as B2C_UI_LOCALES names it), the IDAMs their
        // own (seed 3.3.4).
        ui_locales: uiLocales(issuer, lng),
      });
      if (logger) logEvent(logger, 'info', 'SIGN_IN_STARTED', { issuer });
      return { authorizationUrl, pending };
    },

    async completeSignIn(pendingInput, callbackUrl, logger) {
      const parsedPending = pendingSchema.safeParse(pendingInput);
      if (!parsedPending.success) return fail(logger, 'SIGN_IN_NOT_FOUND', null, 'en');
      const pending = parsedPending.data;
      const { issuer, lng } = pending;
      const flow: B2cFlowKind = pending.flow ?? 'signIn';
      const age = now().getTime() - Date.parse(pending.createdAt);
      if (age > pendingTtl || age < -60_000) return fail(logger, 'SIGN_IN_EXPIRED', issuer, lng);

      let callback: URL;
      try {
        callback = new URL(callbackUrl);
      } catch {
        return fail(logger, 'STATE_MISMATCH', issuer, lng);
      }
      // Checked here, before anything else the callback says (an error included), so a forged callback is named
      // as such; openid-client checks it again.
      if (!sameSecret(callback.searchParams.get('state') ?? '', pending.state))
        return fail(logger, 'STATE_MISMATCH', issuer, lng);
      const choice = b2cChoice(callback, issuer, lng, logger);
      if (choice !== null) return choice;
      // The exchange uses the redirect URI we sent, whatever host name the request arrived under.
      const current = new URL(pending.redirectUri);
      current.search = callback.search;

      let configuration: oidc.Configuration;
      try {
        configuration = await configurationFor(issuer, logger, flow);
      } catch (error) {
        return fail(logger, 'PROVIDER_UNAVAILABLE', issuer, lng, {
          detail: error instanceof Error ? error.message : String(error),
        });
      }

      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(configuration, current, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        const failure = classify(error);
        return fail(logger, failure.reason, issuer, lng, {
          ...(failure.providerError === undefined ? {} : { providerError: failure.providerError }),
          detail: error instanceof Error ? error.message : String(error),
        });
      }

      const idTokenClaims = tokens.claims();
      const idToken = tokens.id_token;
      if (idTokenClaims === undefined || idToken === undefined) return fail(logger, 'ID_TOKEN_INVALID', issuer, lng);
      // B2C: the ID token must come from the user flow the person was sent through (`tfp`, or `acr` where the tenant
      // sends that instead).
      if (issuer === 'b2c') {
        const tokenFlow = idTokenClaims.tfp ?? idTokenClaims.acr;
        if (typeof tokenFlow !== 'string' || tokenFlow.toLowerCase() !== flows[flow].toLowerCase()) {
          return fail(logger, 'CLAIMS_INVALID', issuer, lng, {
            detail: 'the ID token is not from the expected user flow',
          });
        }
      }
      // CFT IDAM and Crime IDAM: the profile and roles are UserInfo's, read with the access token (the subject must
      // be the ID token's). The roles are taken from UserInfo only, never the ID token.
      let claims: oidc.IDToken | (oidc.IDToken & oidc.UserInfoResponse) = idTokenClaims;
      if (userInfoIssuers.includes(issuer)) {
        try {
          const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idTokenClaims.sub);
          // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the ID token's roles are dropped
          const { roles: _idTokenRoles, ...identity } = idTokenClaims;
          claims = { ...identity, ...userInfo, sub: idTokenClaims.sub };
        } catch (error) {
          if (logger)
            logEvent(logger, 'warn', 'OIDC_USERINFO_FAILED', {
              issuer,
              detail: error instanceof Error ? error.message : String(error),
            });
          return fail(logger, 'PROVIDER_UNAVAILABLE', issuer, lng, {
            detail: `UserInfo: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      }
      const principal = principalFromClaims(issuer, claims, options.roleRules);
      if (principal === null) return fail(logger, 'CLAIMS_INVALID', issuer, lng);
      if (
        principal.provenance !== 'PI_AAD' &&
        principal.provenance !== 'CFT_IDAM' &&
        principal.provenance !== 'CRIME_IDAM'
      ) {
        return fail(logger, 'CLAIMS_INVALID', issuer, lng);
      }
      // Admin roles are held here, never taken from the token (role-sources.ts): a B2C person may sign in on the
      // strength of the roles a system admin assigned them.
      const stored =
        principal.provenance === 'PI_AAD'
          ? await findUserByProvenance(options.database, principal.provenance, principal.userId)
          : null;
      if (effectiveRoles(principal.roles, stored).length === 0) {
        await revoke(issuer, sealForRevocation(configuration, tokens.access_token), logger);
        return fail(logger, 'ROLE_NOT_ALLOWED', issuer, lng, { actor: principal });
      }

      const user = await upsertUserOnSignIn(
        options.database,
        {
          provenance: principal.provenance,
          provenanceUserId: principal.userId,
          email: principal.email,
          ...namesFromClaims(claims),
          roles: principal.roles,
        },
        now(),
      );
      // Roles a system admin assigned here win over the token's (the stored record says which apply).
      const signedIn: Principal = { ...principal, roles: [...user.roles] };
      await recordAuditEvent(options.database, {
        action: 'SIGN_IN',
        outcome: 'SUCCESS',
        actor: signedIn,
        objectType: 'identity_provider',
        objectId: issuer,
        // B2C: the user flow, so that a journalist's first sign-in (the approved-media sign-up) can be told apart.
        details: { userId: user.userId, ...(issuer === 'b2c' ? { flow: flows[flow] } : {}) },
      });
      if (logger) logEvent(logger, 'info', 'SIGN_IN_SUCCEEDED', { issuer, userId: principal.userId });
      return {
        ok: true,
        issuer,
        principal: signedIn,
        user,
        idTokenClaims: claims,
        idToken,
        sealedAccessToken: sealForRevocation(configuration, tokens.access_token),
        lng,
      };
    },

    signOutUrl,

    async signOut(sessionId, signOut, logger) {
      const session = await options.sessions.read(sessionId);
      if (session === null) {
        await options.sessions.destroy(sessionId);
        return { signedOut: false, logoutUrl: null };
      }
      await options.sessions.destroy(sessionId);
      await recordAuditEvent(options.database, {
        action: 'SIGN_OUT',
        outcome: 'SUCCESS',
        actor: session.principal,
        objectType: 'identity_provider',
        objectId: session.issuer,
        details: { userId: session.userId },
      });
      if (logger) logEvent(logger, 'info', 'SIGN_OUT', { issuer: session.issuer, userId: session.principal.userId });
      await revoke(session.issuer, session.accessToken ?? null, logger);
      const logoutUrl = await signOutUrl(session.issuer, {
        idTokenHint: session.idToken,
        ...(signOut.postLogoutRedirectUri === undefined
          ? {}
          : { postLogoutRedirectUri: signOut.postLogoutRedirectUri }),
        lng: signOut.lng ?? null,
      }).catch(() => null); // Our session is over either way; an unreachable provider's own session outlives ours.
      return { signedOut: true, logoutUrl };
    },
  };
}

/** Each people issuer's secret setting. */
export const clientSecretSettings: Readonly<
  Record<PeopleIssuerKind, 'B2C_CLIENT_SECRET' | 'CFT_IDAM_CLIENT_SECRET' | 'CRIME_IDAM_CLIENT_SECRET'>
> = {
  b2c: 'B2C_CLIENT_SECRET',
  cftIdam: 'CFT_IDAM_CLIENT_SECRET',
  crimeIdam: 'CRIME_IDAM_CLIENT_SECRET',
};

/**
 * Each issuer's client secret: its own setting, or WEB_CLIENT_SECRET for an issuer on loopback (the local stand-in);
 * a real issuer without its own secret is a configuration error, named.
 */
export function clientSecretsFrom(
  issuers: Readonly<Record<PeopleIssuerKind, string>>,
  settings: Pick<WebSignInSettings, 'WEB_CLIENT_SECRET'> &
    Partial<Pick<WebSignInSettings, 'B2C_CLIENT_SECRET' | 'CFT_IDAM_CLIENT_SECRET' | 'CRIME_IDAM_CLIENT_SECRET'>>,
): Record<PeopleIssuerKind, string> {
  const secretOf = (kind: PeopleIssuerKind): string => {
    const own = settings[clientSecretSettings[kind]];
    if (own !== undefined && own !== '') return own;
    if (isLoopbackHttp(issuers[kind])) return settings.WEB_CLIENT_SECRET;
    throw new Error(`${clientSecretSettings[kind]} is required: the ${kind} issuer is not the local stand-in`);
  };
  return { b2c: secretOf('b2c'), cftIdam: secretOf('cftIdam'), crimeIdam: secretOf('crimeIdam') };
}

/** Each people issuer's client id setting. */
export const clientIdSettings: Readonly<
  Record<PeopleIssuerKind, 'B2C_CLIENT_ID' | 'CFT_IDAM_CLIENT_ID' | 'CRIME_IDAM_CLIENT_ID'>
> = {
  b2c: 'B2C_CLIENT_ID',
  cftIdam: 'CFT_IDAM_CLIENT_ID',
  crimeIdam: 'CRIME_IDAM_CLIENT_ID',
};

/**
 * Each issuer's client id: its own setting, or WEB_CLIENT_ID for an issuer on loopback (the local stand-in); a real
 * issuer without its own is a configuration error, named (issue 19: nothing shared between issuers).
 */
export function clientIdsFrom(
  issuers: Readonly<Record<PeopleIssuerKind, string>>,
  settings: { WEB_CLIENT_ID: string } & Partial<
    Record<'B2C_CLIENT_ID' | 'CFT_IDAM_CLIENT_ID' | 'CRIME_IDAM_CLIENT_ID', string | undefined>
  >,
): Record<PeopleIssuerKind, string> {
  const idOf = (kind: PeopleIssuerKind): string => {
    const own = settings[clientIdSettings[kind]];
    if (own !== undefined && own !== '') return own;
    if (isLoopbackHttp(issuers[kind])) return settings.WEB_CLIENT_ID;
    throw new Error(`${clientIdSettings[kind]} is required: the ${kind} issuer is not the local stand-in`);
  };
  return { b2c: idOf('b2c'), cftIdam: idOf('cftIdam'), crimeIdam: idOf('crimeIdam') };
}

/** createOidcSignIn bound to the validated settings (identitySettingsSchema and webSignInSettingsSchema). */
export function createOidcSignInFromSettings(
  settings: Pick<IdentitySettings, 'B2C_ISSUER' | 'CFT_IDAM_ISSUER' | 'CRIME_IDAM_ISSUER' | 'WEB_CLIENT_ID'> &
    Partial<
      Pick<
        IdentitySettings,
        | 'CFT_IDAM_PROFESSIONAL_ROLES'
        | 'B2C_ROLE_CLAIM'
        | 'B2C_ACCOUNT_STATUS_CLAIM'
        | 'B2C_AUTHORITY'
        | 'B2C_SIGN_IN_FLOW'
        | 'B2C_PASSWORD_RESET_FLOW'
        | 'B2C_SIGN_UP_FLOW'
      >
    > &
    Pick<WebSignInSettings, 'WEB_CLIENT_SECRET'> &
    Partial<
      Pick<
        WebSignInSettings,
        | 'B2C_CLIENT_SECRET'
        | 'CFT_IDAM_CLIENT_SECRET'
        | 'CRIME_IDAM_CLIENT_SECRET'
        | 'B2C_CLIENT_ID'
        | 'CFT_IDAM_CLIENT_ID'
        | 'CRIME_IDAM_CLIENT_ID'
        | 'B2C_SCOPES'
        | 'CFT_IDAM_SCOPES'
        | 'CRIME_IDAM_SCOPES'
        | 'SESSION_SECRET'
      >
    >,
  dependencies: Omit<OidcSignInOptions, 'issuers' | 'clientId' | 'clientSecret'>,
): OidcSignIn {
  const issuers = {
    b2c: settings.B2C_ISSUER,
    cftIdam: settings.CFT_IDAM_ISSUER,
    crimeIdam: settings.CRIME_IDAM_ISSUER,
  };
  const scopes: Partial<Record<PeopleIssuerKind, string>> = {
    ...(settings.B2C_SCOPES === undefined ? {} : { b2c: settings.B2C_SCOPES }),
    ...(settings.CFT_IDAM_SCOPES === undefined ? {} : { cftIdam: settings.CFT_IDAM_SCOPES }),
    ...(settings.CRIME_IDAM_SCOPES === undefined ? {} : { crimeIdam: settings.CRIME_IDAM_SCOPES }),
  };
  return createOidcSignIn({
    ...dependencies,
    issuers,
    clientId: clientIdsFrom(issuers, settings),
    clientSecret: clientSecretsFrom(issuers, settings),
    scope: scopes,
    ...(settings.B2C_AUTHORITY === undefined ? {} : { b2cAuthority: settings.B2C_AUTHORITY }),
    b2cFlows: {
      ...(settings.B2C_SIGN_IN_FLOW === undefined ? {} : { signIn: settings.B2C_SIGN_IN_FLOW }),
      ...(settings.B2C_PASSWORD_RESET_FLOW === undefined ? {} : { passwordReset: settings.B2C_PASSWORD_RESET_FLOW }),
      ...(settings.B2C_SIGN_UP_FLOW === undefined ? {} : { signUp: settings.B2C_SIGN_UP_FLOW }),
    },
    ...(dependencies.tokenSealingSecret === undefined && settings.SESSION_SECRET !== undefined
      ? { tokenSealingSecret: settings.SESSION_SECRET }
      : {}),
    roleRules: roleRulesFrom(settings),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The pending sign-in, sealed for a cookie
// ---------------------------------------------------------------------------------------------------------------

/** The cookie that carries the sealed pending sign-in from /sign-in to /login/return (with setCookieHeader). */
export const PENDING_SIGN_IN_COOKIE = 'pip-sign-in';

const PENDING_SIGN_IN_CONTEXT = 'pending-sign-in v1';
/** Access tokens kept in sessions (for revocation at sign-out) are sealed under their own derived key. */
const ACCESS_TOKEN_CONTEXT = 'session-access-token v1';

function sealingKey(secret: string, context: string = PENDING_SIGN_IN_CONTEXT): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'pip-service', context, 32));
}

/** AES-256-GCM under a key derived from the secret for one context; base64url of iv, ciphertext and tag. */
function sealText(text: string, secret: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret, context), iv);
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** What sealText sealed, or null if it was altered or sealed under another secret or context. */
function openText(sealed: string, secret: string, context: string): string | null {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < 12 + 16 + 1) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret, context), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** An access token a session keeps, opened (tests check a signed-out person's token was revoked). */
export function openSealedAccessToken(sealed: string, secret: string): string | null {
  return openText(sealed, secret, ACCESS_TOKEN_CONTEXT);
}

/** AES-256-GCM under a key derived from SESSION_SECRET: the browser can carry the pending sign-in but not read or alter it. */
export function sealPendingSignIn(pending: PendingSignIn, secret: string): string {
  return sealText(JSON.stringify(pending), secret, PENDING_SIGN_IN_CONTEXT);
}

/** The pending sign-in a cookie carries, or null if it is missing, altered or sealed with another secret. */
export function openPendingSignIn(sealed: string | null | undefined, secret: string): PendingSignIn | null {
  if (typeof sealed !== 'string' || !/^[A-Za-z0-9_-]{40,4096}$/.test(sealed)) return null;
  const json = openText(sealed, secret, PENDING_SIGN_IN_CONTEXT);
  if (json === null) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
