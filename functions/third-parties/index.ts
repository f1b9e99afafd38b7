import { settingsPushSecrets } from '../../shared/third-parties/push-secrets.js';
import { createPushClient } from '../../shared/third-parties/push-client.js';
import { identitySettings } from '../http-kit/verifier.js';
import { apiVerifier, coreDependencies, coreSettings, now } from '../dependencies.js';
import { registerThirdParties } from './registration.js';

coreSettings();
identitySettings();

// Push secrets are settings named by each registration (Key Vault references in Azure).
const pushClient = createPushClient({ secrets: settingsPushSecrets(process.env) });

registerThirdParties(() => ({
  database: coreDependencies().database,
  // Admin roles from the database, every 401 audited (shared/auth/api-verifier.ts), as every API route.
  verifier: apiVerifier(),
  pushClient,
  now,
}));
