import { app } from '@azure/functions';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { handleHealth, probesFor } from './health-handler.js';

coreSettings();

app.http('health', {
  route: 'api/health',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: () => handleHealth(probesFor(coreDependencies())),
});
