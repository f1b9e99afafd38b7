/**
 * Azure B2C's user flows (seed 3.3.2): their default names, and where each publishes its discovery document (B2C
 * serves one per flow, all naming the tenant's one issuer). Shared by the sign-in (shared/auth/oidc-sign-in.ts) and
 * the bearer-token verifier (functions/http-kit/verifier.ts); no dependency, so the API functions load nothing more.
 */
export const b2cFlowKinds = ['signIn', 'passwordReset'] as const;
export type B2cFlowKind = (typeof b2cFlowKinds)[number];

/** B2C_SIGN_IN_FLOW and B2C_PASSWORD_RESET_FLOW when unset. */
export const DEFAULT_B2C_FLOWS: Readonly<Record<B2cFlowKind, string>> = {
  signIn: 'B2C_1_SignInUserFlow',
  passwordReset: 'B2C_1_PasswordReset',
};

/** `<authority>/<flow>/v2.0/.well-known/openid-configuration`, e.g. under https://<tenant>.b2clogin.com/<tenant>.onmicrosoft.com. */
export function b2cFlowDiscoveryUrl(authority: string, flow: string): string {
  return `${authority.replace(/\/+$/, '')}/${encodeURIComponent(flow)}/v2.0/.well-known/openid-configuration`;
}
