/**
 * Authentication for every HTTP function: one token verifier per process, trusting the issuers the settings name.
 * Handlers receive `authenticate` as a dependency; this module binds it to the real verifier.
 */
import type { HttpRequest } from '@azure/functions';
import type { Principal } from '../shared/auth/principal.js';
import { createTokenVerifier, type TokenVerification, type TokenVerifier } from '../shared/auth/token-verifier.js';
import { identitySettingsSchema, loadSettings, type IdentitySettings } from '../shared/config/settings.js';

let settings: IdentitySettings | undefined;
let verifier: TokenVerifier | undefined;

export function identitySettings(): IdentitySettings {
  settings ??= loadSettings(identitySettingsSchema, process.env);
  return settings;
}

export function tokenVerifier(): TokenVerifier {
  if (!verifier) {
    const s = identitySettings();
    verifier = createTokenVerifier({
      issuers: [
        { kind: 'aad', issuer: s.AAD_ISSUER, audience: s.AAD_AUDIENCE },
        { kind: 'b2c', issuer: s.B2C_ISSUER, audience: s.AAD_AUDIENCE },
        { kind: 'cftIdam', issuer: s.CFT_IDAM_ISSUER, audience: s.AAD_AUDIENCE },
        { kind: 'crimeIdam', issuer: s.CRIME_IDAM_ISSUER, audience: s.AAD_AUDIENCE },
      ],
    });
  }
  return verifier;
}

export function verifyRequest(request: HttpRequest): Promise<TokenVerification> {
  return tokenVerifier().verifyAuthorizationHeader(request.headers.get('authorization'));
}

/** The caller's principal, or null when the request carries no valid token. */
export async function authenticateRequest(request: HttpRequest): Promise<Principal | null> {
  const result = await verifyRequest(request);
  return result.ok ? result.principal : null;
}
