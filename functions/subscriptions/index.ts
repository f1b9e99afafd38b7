import { identitySettings, tokenVerifier } from '../http-kit/verifier.js';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { registerSubscriptions } from './registration.js';

coreSettings();
identitySettings();

registerSubscriptions(() => ({ database: coreDependencies().database, verifier: tokenVerifier() }));
