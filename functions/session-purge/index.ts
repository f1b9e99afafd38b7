import { createSessionStore } from '../../shared/auth/session-store.js';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { registerSessionPurge } from './registration.js';

coreSettings();

registerSessionPurge(() => ({ sessions: createSessionStore({ database: coreDependencies().database }) }));
