/**
 * What `npm run b2c:setup` needs, checked once with zod before anything is read from or written to the tenant, and
 * what it should make there (the desired state), derived from those settings and shared/auth/b2c-attributes.ts.
 */
import { z } from 'zod';
import {
  B2C_ACCOUNT_STATUS,
  B2C_LAST_LOGIN,
  B2C_PUB_UNIQUE_ID,
  B2C_USER_ROLE,
  B2C_VERIFIED,
} from '../../shared/auth/b2c-attributes.js';
import { B2C_FLOW_TYPES, b2cFlowKinds, DEFAULT_B2C_FLOWS } from '../../shared/auth/b2c-flows.js';
import { isSecureUrl } from '../../shared/config/secure-url.js';

/** An https URL, or http on loopback (the tests' stand-in). */
function secureUrl(what: string) {
  return z
    .string()
    .trim()
    .refine(isSecureUrl, `must be an https:// URL (${what})`)
    .transform((value) => value.replace(/\/+$/, ''));
}

export const b2cSetupSettingsSchema = z
  .object({
    /** The B2C tenant: its id or its domain (pipb2cdev.onmicrosoft.com). */
    B2C_TENANT_ID: z.string().trim().min(1),
    /** The environment this tenant serves: part of the app registration's name. */
    B2C_SETUP_ENVIRONMENT: z.enum(['sandbox', 'dev', 'test', 'staging', 'prod']),
    /** The portal's public address (Front Door): the sign-in redirect URI is <it>/login/return. */
    PUBLIC_SITE_URL: secureUrl('the portal address'),
    /** An app registration in the B2C tenant allowed to change it (client credentials); else the Azure CLI's sign-in. */
    B2C_SETUP_CLIENT_ID: z.string().trim().min(1).optional(),
    B2C_SETUP_CLIENT_SECRET: z.string().trim().min(1).optional(),
    /** Microsoft Graph; only the tests change it. */
    GRAPH_BASE_URL: secureUrl('Microsoft Graph').default('https://graph.microsoft.com'),
  })
  .refine(
    (settings) => (settings.B2C_SETUP_CLIENT_ID === undefined) === (settings.B2C_SETUP_CLIENT_SECRET === undefined),
    {
      path: ['B2C_SETUP_CLIENT_SECRET'],
      error: 'B2C_SETUP_CLIENT_ID and B2C_SETUP_CLIENT_SECRET are set together or not at all',
    },
  );

export type B2cSetupSettings = z.infer<typeof b2cSetupSettingsSchema>;

export interface DesiredWebApp {
  displayName: string;
  redirectUris: string[];
}

export interface DesiredExtensionAttribute {
  /** The name without `extension_` (Graph adds `extension_<app id>_`; tokens carry `extension_<name>`). */
  name: string;
  dataType: 'String' | 'Boolean';
}

export interface DesiredUserFlow {
  /** As B2C names it (it adds `B2C_1_` to the id it is given). */
  id: string;
  userFlowType: 'signIn' | 'passwordReset';
}

export interface DesiredState {
  webApp: DesiredWebApp;
  extensionAttributes: DesiredExtensionAttribute[];
  userFlows: DesiredUserFlow[];
}

const withoutPrefix = (claim: string): string => claim.replace(/^extension_/, '');

/** What the tenant should hold for one environment. */
export function desiredState(settings: B2cSetupSettings): DesiredState {
  return {
    webApp: {
      displayName: `pip-web-${settings.B2C_SETUP_ENVIRONMENT}`,
      redirectUris: [`${settings.PUBLIC_SITE_URL}/login/return`],
    },
    // Seed 3.3.2.2: Verified is a Boolean, the others strings.
    extensionAttributes: [
      { name: withoutPrefix(B2C_USER_ROLE), dataType: 'String' },
      { name: withoutPrefix(B2C_ACCOUNT_STATUS), dataType: 'String' },
      { name: withoutPrefix(B2C_VERIFIED), dataType: 'Boolean' },
      { name: withoutPrefix(B2C_PUB_UNIQUE_ID), dataType: 'String' },
      { name: withoutPrefix(B2C_LAST_LOGIN), dataType: 'String' },
    ],
    // Sign-in, password reset, and the approved-media sign-up (a password-reset flow of its own: the account exists).
    userFlows: b2cFlowKinds.map((kind) => ({ id: DEFAULT_B2C_FLOWS[kind], userFlowType: B2C_FLOW_TYPES[kind] })),
  };
}
