import { randomUUID } from 'node:crypto';
import { identitySettings } from '../http-kit/verifier.js';
import { coreSettings, publicationApiDependencies } from '../dependencies.js';
import { registerIngestPublication } from './registration.js';

coreSettings();
identitySettings();

registerIngestPublication(() => ({ ...publicationApiDependencies(), newId: randomUUID }));
