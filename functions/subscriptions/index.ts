import { identitySettings } from '../http-kit/verifier.js';
import { apiVerifier, coreDependencies, coreSettings } from '../dependencies.js';
import { registerSubscriptions } from './registration.js';

coreSettings();
identitySettings();

registerSubscriptions(() => ({ database: coreDependencies().database, verifier: apiVerifier() }));
