/**
 * Azure B2C's user flows (seed 3.3.2): their default names, and where each publishes its discovery document (B2C
 * serves one per flow, all naming the tenant's one issuer). Shared by the sign-in (shared/auth/oidc-sign-in.ts), the
 * bearer-token verifier (functions/http-kit/verifier.ts), the tenant set-up (scripts/b2c-setup) and the local
 * stand-in (local/identity); no dependency, so the API functions load nothing more.
 *
 * - signIn: email and password (B2C type `signIn`).
 * - passwordReset: "Forgot your password?" (AADB2C90118) leads here (B2C type `passwordReset`).
 * - signUp: an approved journalist's first visit, from the welcome email (`/media-account/create-password`): the
 *   account already exists (made on approval, with no password anyone knows), so the flow is of B2C's
 *   `passwordReset` type: B2C mails a code to verify the email address, then the person creates their password, and
 *   B2C signs them in. A flow of its own (not the password reset's) so that its pages say "Create your password".
 */
export const b2cFlowKinds = ['signIn', 'passwordReset', 'signUp'] as const;
export type B2cFlowKind = (typeof b2cFlowKinds)[number];

/** B2C_SIGN_IN_FLOW, B2C_PASSWORD_RESET_FLOW and B2C_SIGN_UP_FLOW when unset. */
export const DEFAULT_B2C_FLOWS: Readonly<Record<B2cFlowKind, string>> = {
  signIn: 'B2C_1_SignInUserFlow',
  passwordReset: 'B2C_1_PasswordReset',
  signUp: 'B2C_1_SignUpApprovedMedia',
};

/** The B2C user flow type each flow is created with (Graph's `userFlowType`). */
export const B2C_FLOW_TYPES: Readonly<Record<B2cFlowKind, 'signIn' | 'passwordReset'>> = {
  signIn: 'signIn',
  passwordReset: 'passwordReset',
  signUp: 'passwordReset',
};

/** The GOV.UK page template of web-static/b2c/<en|cy>/ each flow's page layouts use ("custom page content"). */
export const B2C_FLOW_PAGES: Readonly<Record<B2cFlowKind, 'sign-in' | 'password-reset' | 'sign-up'>> = {
  signIn: 'sign-in',
  passwordReset: 'password-reset',
  signUp: 'sign-up',
};

/**
 * The `ui_locales` B2C is sent for the page's language: Welsh is a custom language of the user flows, `cy-GB`, as the
 * live service's tenant has it (pip-frontend's mapAzureLanguage); B2C puts `cy` for it in the page layouts'
 * `{Culture:LanguageName}`, so the Welsh templates are under /b2c/cy/.
 */
export const B2C_UI_LOCALES: Readonly<Record<'en' | 'cy', string>> = { en: 'en', cy: 'cy-GB' };

/** `<authority>/<flow>/v2.0/.well-known/openid-configuration`, e.g. under https://<tenant>.b2clogin.com/<tenant>.onmicrosoft.com. */
export function b2cFlowDiscoveryUrl(authority: string, flow: string): string {
  return `${authority.replace(/\/+$/, '')}/${encodeURIComponent(flow)}/v2.0/.well-known/openid-configuration`;
}
