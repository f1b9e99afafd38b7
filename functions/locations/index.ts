import { identitySettings, tokenVerifier } from '../http-kit/verifier.js';
import { coreDependencies, coreSettings, glossaryStore } from '../dependencies.js';
import { registerLocations } from './registration.js';

coreSettings();
identitySettings();

registerLocations(() => ({
  database: coreDependencies().database,
  glossary: glossaryStore(),
  verifier: tokenVerifier(),
}));
