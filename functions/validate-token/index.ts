import { identitySettings, tokenVerifier } from '../http-kit/verifier.js';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { registerValidateToken } from './registration.js';

coreSettings();
identitySettings();

registerValidateToken(() => ({ verifier: tokenVerifier(), audit: coreDependencies().database }));
