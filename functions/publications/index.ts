import { identitySettings } from '../http-kit/verifier.js';
import { coreSettings, publicationApiDependencies } from '../dependencies.js';
import { registerPublications } from './registration.js';

coreSettings();
identitySettings();

registerPublications(publicationApiDependencies);
