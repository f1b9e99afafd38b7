import { authenticateRequest, identitySettings } from '../authentication.js';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { registerAudit } from './registration.js';

coreSettings();
identitySettings();

registerAudit(() => ({ database: coreDependencies().database, authenticate: authenticateRequest }));
