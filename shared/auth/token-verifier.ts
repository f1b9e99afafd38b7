/**
 * Verifies bearer tokens from every issuer the service trusts (Azure AD for service callers; Azure B2C, CFT IDAM and
 * Crime IDAM for people) and turns their claims into one normalised Principal. Keys come from each issuer's JWKS,
 * discovered through OpenID Connect discovery, cached, and re-fetched when a token names a key not yet seen (rotation).
 * Expected rejections are values with stable reason codes, never exceptions.
 */
import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { isSecureUrl } from '../config/secure-url.js';
import { z } from 'zod';
import type { Principal, UserProvenance } from './principal.js';
import { defaultRoleRules, rolesFromToken, type IssuerKind, type RoleRules } from './role-sources.js';

export type { IssuerKind } from './role-sources.js';

export interface TrustedIssuer {
  kind: IssuerKind;
  /** The exact `iss` value its tokens carry. */
  issuer: string;
  /** The audience access tokens for this API carry. */
  audience: string;
  /**
   * Where its discovery document is, when not under the issuer (B2C: one per user flow,
   * `<B2C_AUTHORITY>/<flow>/v2.0/.well-known/openid-configuration`); the document must still name `issuer`.
   */
  discoveryUrl?: string;
}

export const tokenRejectionReasons = [
  'TOKEN_MISSING',
  'TOKEN_MALFORMED',
  'TOKEN_ALGORITHM_NOT_ALLOWED',
  'TOKEN_ISSUER_UNKNOWN',
  'TOKEN_KEY_UNKNOWN',
  'TOKEN_SIGNATURE_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID',
  'TOKEN_AUDIENCE_INVALID',
  'TOKEN_CLAIMS_INVALID',
  'ISSUER_UNAVAILABLE',
] as const;
export type TokenRejectionReason = (typeof tokenRejectionReasons)[number];

export type TokenVerification =
  | { ok: true; principal: Principal; issuer: IssuerKind; expiresAt: Date }
  | { ok: false; reason: TokenRejectionReason; message: string };

/** Asymmetric algorithms only: `none` and HMAC (which would let a public key be used as a secret) are refused. */
export const allowedAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'] as const;

export interface TokenVerifierOptions {
  issuers: readonly TrustedIssuer[];
  /** Leeway for clocks that disagree, in seconds. */
  clockToleranceSeconds?: number;
  currentDate?: () => Date;
  /** How roles are read from tokens (shared/auth/role-sources.ts); the CFT IDAM professional roles come from settings. */
  roleRules?: RoleRules;
  /** How long a discovery document (and the JWKS address it gives) is used before it is read again; 1 hour. */
  discoveryTtlMs?: number;
}

export const DEFAULT_DISCOVERY_TTL_MS = 60 * 60_000;

/**
 * How long a token that verified is taken as verified again without checking its signature, while its `exp` and `nbf`
 * still hold: a publisher sends many requests with one token, and the signature check is most of what verifying
 * costs. Shorter than the 10 minutes the issuer's keys are kept (createRemoteJWKSet below), so a key the issuer
 * withdraws is refused no later than it was before.
 */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
const MAX_VERIFIED_TOKENS = 1_000;

/** An issuer the service may trust: https, or plain http on this machine only (the local stand-in and tests). */
export const isAllowedIssuerUrl = isSecureUrl;

export interface TokenVerifier {
  verifyAuthorizationHeader(header: string | null | undefined): Promise<TokenVerification>;
  verifyToken(token: string): Promise<TokenVerification>;
}

const discoverySchema = z.object({ issuer: z.string(), jwks_uri: z.url() });

const rolesClaim = z.array(z.string()).optional();
const aadClaims = z.object({ sub: z.string().min(1), azp: z.string().optional(), roles: rolesClaim });
const b2cClaims = z.object({
  sub: z.string().min(1),
  oid: z.string().optional(),
  email: z.string().optional(),
  emails: z.array(z.string()).optional(),
  name: z.string().optional(),
  roles: rolesClaim,
});
const cftClaims = z.object({
  sub: z.string().min(1),
  uid: z.string().optional(),
  email: z.string().optional(),
  name: z.string().optional(),
  roles: rolesClaim,
});
const crimeClaims = z.object({
  sub: z.string().min(1),
  uid: z.string().optional(),
  email_address: z.string().optional(),
  email: z.string().optional(),
  name: z.string().optional(),
});

/** The normalised principal a verified token (or ID token) stands for; the roles by shared/auth/role-sources.ts. */
export function principalFromClaims(
  kind: IssuerKind,
  payload: JWTPayload,
  rules: RoleRules = defaultRoleRules,
): Principal | null {
  const granted = rolesFromToken(kind, payload, rules);
  switch (kind) {
    case 'aad': {
      const claims = aadClaims.safeParse(payload);
      if (!claims.success) return null;
      const provenance: UserProvenance = granted.includes('PUBLISHER') ? 'SYSTEM' : 'THIRD_PARTY';
      return { userId: claims.data.azp ?? claims.data.sub, provenance, roles: granted, email: null, name: null };
    }
    case 'b2c': {
      const claims = b2cClaims.safeParse(payload);
      if (!claims.success) return null;
      return {
        userId: claims.data.oid ?? claims.data.sub,
        provenance: 'PI_AAD',
        roles: granted,
        email: claims.data.email ?? claims.data.emails?.[0] ?? null,
        name: claims.data.name ?? null,
      };
    }
    case 'cftIdam': {
      const claims = cftClaims.safeParse(payload);
      if (!claims.success) return null;
      return {
        userId: claims.data.uid ?? claims.data.sub,
        provenance: 'CFT_IDAM',
        roles: granted,
        email: claims.data.email ?? (claims.data.sub.includes('@') ? claims.data.sub : null),
        name: claims.data.name ?? null,
      };
    }
    case 'crimeIdam': {
      const claims = crimeClaims.safeParse(payload);
      if (!claims.success) return null;
      return {
        userId: claims.data.uid ?? claims.data.sub,
        provenance: 'CRIME_IDAM',
        roles: granted,
        email: claims.data.email_address ?? claims.data.email ?? null,
        name: claims.data.name ?? null,
      };
    }
  }
}

function rejection(reason: TokenRejectionReason, message: string): TokenVerification {
  return { ok: false, reason, message };
}

function rejectionFor(error: unknown): TokenVerification {
  if (error instanceof joseErrors.JWTExpired) return rejection('TOKEN_EXPIRED', 'The token has expired');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' || error.claim === 'iat')
      return rejection('TOKEN_NOT_YET_VALID', 'The token is not valid yet');
    if (error.claim === 'aud') return rejection('TOKEN_AUDIENCE_INVALID', 'The token is not for this service');
    if (error.claim === 'iss') return rejection('TOKEN_ISSUER_UNKNOWN', 'The token was not issued by a trusted issuer');
    return rejection('TOKEN_CLAIMS_INVALID', `The token's ${error.claim} claim is invalid`);
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return rejection('TOKEN_ALGORITHM_NOT_ALLOWED', 'The token algorithm is not allowed');
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return rejection('TOKEN_KEY_UNKNOWN', "The token's signing key is not one of the issuer's keys");
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return rejection('TOKEN_SIGNATURE_INVALID', 'The token signature is invalid');
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
    return rejection('ISSUER_UNAVAILABLE', "The issuer's keys could not be fetched");
  }
  if (error instanceof joseErrors.JOSEError) return rejection('TOKEN_MALFORMED', 'The token is malformed');
  return rejection('ISSUER_UNAVAILABLE', "The issuer's keys could not be fetched");
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  for (const trusted of options.issuers) {
    if (trusted.discoveryUrl !== undefined && !isAllowedIssuerUrl(trusted.discoveryUrl)) {
      throw new Error(`The ${trusted.kind} discovery URL must be https:// (plain http only on loopback)`);
    }
    if (!isAllowedIssuerUrl(trusted.issuer)) {
      throw new Error(
        `The ${trusted.kind} issuer must be an https:// URL (plain http only on loopback): ${trusted.issuer}`,
      );
    }
  }
  const byIssuer = new Map(options.issuers.map((issuer) => [issuer.issuer, issuer]));
  const discoveryTtl = options.discoveryTtlMs ?? DEFAULT_DISCOVERY_TTL_MS;
  const clock = (): number => (options.currentDate?.() ?? new Date()).getTime();
  const keySets = new Map<string, { at: number; keySet: Promise<ReturnType<typeof createRemoteJWKSet>> }>();

  const keySetFor = (issuer: TrustedIssuer): Promise<ReturnType<typeof createRemoteJWKSet>> => {
    const cached = keySets.get(issuer.issuer);
    // Discovery is read again after its TTL, so a JWKS address the issuer moves is followed.
    if (cached && clock() - cached.at < discoveryTtl) return cached.keySet;
    const keySet = (async () => {
      const discoveryUrl =
        issuer.discoveryUrl ?? `${issuer.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const response = await fetch(discoveryUrl, {
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      const discovery = discoverySchema.parse(await response.json());
      if (discovery.issuer !== issuer.issuer) throw new Error('discovery document names another issuer');
      if (!isAllowedIssuerUrl(discovery.jwks_uri)) throw new Error('the JWKS address is not https');
      return createRemoteJWKSet(new URL(discovery.jwks_uri), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    })();
    const entry = { at: clock(), keySet };
    // A failed discovery is not cached: the next request tries again.
    keySet.catch(() => {
      if (keySets.get(issuer.issuer) === entry) keySets.delete(issuer.issuer);
    });
    keySets.set(issuer.issuer, entry);
    return keySet;
  };

  const tolerance = options.clockToleranceSeconds ?? 60;
  // Bounded, least recently used out first; each entry also carries its own deadline (`until`, on this clock).
  const verified = new LRUCache<
    string,
    { verification: TokenVerification & { ok: true }; exp: number; nbf: number | null; until: number }
  >({ max: MAX_VERIFIED_TOKENS });
  /**
   * A token verified in the last minute whose `exp` and `nbf` still hold, judged as jwtVerify judges them (in whole
   * seconds, with the same tolerance).
   */
  const alreadyVerified = (token: string): TokenVerification | null => {
    const entry = verified.get(token);
    if (entry === undefined) return null;
    const now = clock();
    const seconds = Math.floor(now / 1000);
    if (
      now >= entry.until ||
      entry.exp <= seconds - tolerance ||
      (entry.nbf !== null && entry.nbf > seconds + tolerance)
    ) {
      verified.delete(token);
      return null;
    }
    const { verification } = entry;
    return { ...verification, principal: { ...verification.principal, roles: [...verification.principal.roles] } };
  };

  const verifyToken = async (token: string): Promise<TokenVerification> => {
    const known = alreadyVerified(token);
    if (known !== null) return known;
    let header: ReturnType<typeof decodeProtectedHeader>;
    let unverified: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      unverified = decodeJwt(token);
    } catch {
      return rejection('TOKEN_MALFORMED', 'The token is not a signed JWT');
    }
    if (!header.alg || !(allowedAlgorithms as readonly string[]).includes(header.alg)) {
      // The algorithm is the caller's text: it is never echoed (the message ends up in WWW-Authenticate).
      return rejection('TOKEN_ALGORITHM_NOT_ALLOWED', 'The token algorithm is not allowed');
    }
    const issuer = typeof unverified.iss === 'string' ? byIssuer.get(unverified.iss) : undefined;
    if (!issuer) return rejection('TOKEN_ISSUER_UNKNOWN', 'The token was not issued by a trusted issuer');
    let keySet: ReturnType<typeof createRemoteJWKSet>;
    try {
      keySet = await keySetFor(issuer);
    } catch {
      return rejection('ISSUER_UNAVAILABLE', "The issuer's keys could not be fetched");
    }
    try {
      const { payload } = await jwtVerify(token, keySet, {
        issuer: issuer.issuer,
        audience: issuer.audience,
        algorithms: [...allowedAlgorithms],
        clockTolerance: options.clockToleranceSeconds ?? 60,
        requiredClaims: ['exp', 'sub'],
        currentDate: options.currentDate?.(),
      });
      const principal = principalFromClaims(issuer.kind, payload, options.roleRules);
      if (!principal)
        return rejection('TOKEN_CLAIMS_INVALID', 'The token does not carry the claims this issuer must send');
      const verification = {
        ok: true,
        principal,
        issuer: issuer.kind,
        expiresAt: new Date((payload.exp ?? 0) * 1000),
      } as const;
      verified.set(token, {
        verification,
        exp: payload.exp ?? 0,
        nbf: typeof payload.nbf === 'number' ? payload.nbf : null,
        until: clock() + VERIFIED_TOKEN_TTL_MS,
      });
      return { ...verification, principal: { ...principal, roles: [...principal.roles] } };
    } catch (error) {
      return rejectionFor(error);
    }
  };

  return {
    verifyToken,
    async verifyAuthorizationHeader(header) {
      const match = /^Bearer\s+([A-Za-z0-9_\-.=]+)\s*$/i.exec(header ?? '');
      if (!match?.[1]) return rejection('TOKEN_MISSING', 'An Authorization: Bearer token is required');
      return verifyToken(match[1]);
    },
  };
}
