import { coreDependencies, coreSettings, now } from '../dependencies.js';
import { registerAuditRetention } from './registration.js';

coreSettings();

registerAuditRetention(() => ({ database: coreDependencies().database, now }));
