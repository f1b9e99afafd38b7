/**
 * The P&I user's details that Azure B2C keeps as custom (extension) attributes (seed 3.3.2.2), named as B2C's user
 * flows put them in tokens. scripts/b2c-setup creates them in the tenant (Graph names each
 * `extension_<b2c-extensions-app id>_<name>`); sign-in reads these claims.
 */
export const B2C_USER_ROLE = 'extension_UserRole';
export const B2C_ACCOUNT_STATUS = 'extension_AccountStatus';
export const B2C_VERIFIED = 'extension_Verified';
export const B2C_PUB_UNIQUE_ID = 'extension_PubUniqueId';
export const B2C_LAST_LOGIN = 'extension_LastLogin';

/**
 * An attribute's name in Microsoft Graph, where it is an extension property of B2C's b2c-extensions-app:
 * `extension_UserRole` → `extension_<that app's appId without dashes>_UserRole`.
 */
export function graphExtensionAttribute(claim: string, extensionsAppId: string): string {
  return claim.replace(/^extension_/, `extension_${extensionsAppId.replace(/-/g, '')}_`);
}
