import { coreDependencies, coreSettings } from '../dependencies.js';
import { registerAuditRetention } from './registration.js';

coreSettings();

registerAuditRetention(() => ({ database: coreDependencies().database, now: () => new Date() }));
