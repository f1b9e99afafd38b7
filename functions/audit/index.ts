import { identitySettings } from '../http-kit/verifier.js';
import { apiVerifier, coreDependencies, coreSettings } from '../dependencies.js';
import { registerAudit } from './registration.js';

coreSettings();
identitySettings();

registerAudit(() => ({ database: coreDependencies().database, verifier: apiVerifier() }));
