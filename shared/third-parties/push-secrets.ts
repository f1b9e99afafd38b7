/**
 * Push secrets by name. In Azure each is a Key Vault secret reached through an app setting of the same name (a Key
 * Vault reference, resolved by the platform); locally it is a setting. The registration stores only the name.
 * An unresolved Key Vault reference reaches the app as its literal `@Microsoft.KeyVault(...)` text: it is no secret.
 */
import type { PushSecrets } from './push-client.js';

/**
 * A push secret's setting name must end `_PUSH_SECRET`. The registration names a setting whose value is sent to the
 * third party's token server, so without this rule a registration naming `SESSION_SECRET` or `NOTIFY_API_KEY` would
 * hand our own secrets to whatever token URL it gives. Bicep makes one Key Vault reference per such name
 * (`thirdPartyPushSecretSettings`).
 */
export const PUSH_SECRET_NAME = /^[A-Z][A-Z0-9_]{0,107}_PUSH_SECRET$/;

export function settingsPushSecrets(settings: Readonly<Record<string, string | undefined>>): PushSecrets {
  return {
    secret(name) {
      if (!PUSH_SECRET_NAME.test(name)) return Promise.resolve(null);
      const value = Object.hasOwn(settings, name) ? settings[name]?.trim() : undefined;
      if (value === undefined || value === '' || value.startsWith('@Microsoft.KeyVault(')) return Promise.resolve(null);
      return Promise.resolve(value);
    },
  };
}
