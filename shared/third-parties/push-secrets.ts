/**
 * Push secrets by name. In Azure each is a Key Vault secret reached through an app setting of the same name (a Key
 * Vault reference, resolved by the platform); locally it is a setting. The registration stores only the name.
 * An unresolved Key Vault reference reaches the app as its literal `@Microsoft.KeyVault(...)` text: it is no secret.
 */
import type { PushSecrets } from './push-client.js';

export function settingsPushSecrets(settings: Readonly<Record<string, string | undefined>>): PushSecrets {
  return {
    secret(name) {
      const value = Object.hasOwn(settings, name) ? settings[name]?.trim() : undefined;
      if (value === undefined || value === '' || value.startsWith('@Microsoft.KeyVault(')) return Promise.resolve(null);
      return Promise.resolve(value);
    },
  };
}
