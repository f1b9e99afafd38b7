/**
 * The real token verifier every API function authenticates with: one per process, trusting the issuers the settings
 * name. Handlers receive it as a dependency (`verifier`) and pass it to `authenticate`; tests pass their own.
 */
import { b2cFlowDiscoveryUrl, DEFAULT_B2C_FLOWS } from '../../shared/auth/b2c-flows.js';
import { roleRulesFrom } from '../../shared/auth/role-sources.js';
import { createTokenVerifier, type TokenVerifier } from '../../shared/auth/token-verifier.js';
import { identitySettingsSchema, loadSettings, type IdentitySettings } from '../../shared/config/settings.js';

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
        {
          kind: 'b2c',
          issuer: s.B2C_ISSUER,
          audience: s.AAD_AUDIENCE,
          // B2C publishes its keys per user flow: the sign-in flow's discovery, under its authority.
          ...(s.B2C_AUTHORITY === undefined
            ? {}
            : { discoveryUrl: b2cFlowDiscoveryUrl(s.B2C_AUTHORITY, s.B2C_SIGN_IN_FLOW ?? DEFAULT_B2C_FLOWS.signIn) }),
        },
        { kind: 'cftIdam', issuer: s.CFT_IDAM_ISSUER, audience: s.AAD_AUDIENCE },
        { kind: 'crimeIdam', issuer: s.CRIME_IDAM_ISSUER, audience: s.AAD_AUDIENCE },
      ],
      roleRules: roleRulesFrom(s),
    });
  }
  return verifier;
}
