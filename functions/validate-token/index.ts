import { identitySettings } from '../http-kit/verifier.js';
import { apiVerifier, coreDependencies, coreSettings } from '../dependencies.js';
import { registerValidateToken } from './registration.js';

coreSettings();
identitySettings();

registerValidateToken(() => ({ verifier: apiVerifier(), audit: coreDependencies().database }));
