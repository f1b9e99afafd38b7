import { coreDependencies, coreSettings } from '../dependencies.js';
import { probesFor } from './health-handler.js';
import { registerHealth } from './registration.js';

coreSettings();

registerHealth(() => probesFor(coreDependencies()));
