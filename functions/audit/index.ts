import { identitySettings, tokenVerifier } from '../http-kit/verifier.js';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { registerAudit } from './registration.js';

coreSettings();
identitySettings();

registerAudit(() => ({ database: coreDependencies().database, verifier: tokenVerifier() }));
