import { identitySettings } from '../http-kit/verifier.js';
import { apiVerifier, coreDependencies, coreSettings, glossaryStore } from '../dependencies.js';
import { registerLocations } from './registration.js';

coreSettings();
identitySettings();

registerLocations(() => ({
  database: coreDependencies().database,
  glossary: glossaryStore(),
  verifier: apiVerifier(),
}));
