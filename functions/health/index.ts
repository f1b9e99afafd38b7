import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { handleHealth, probesFor } from './health-handler.js';

coreSettings();

app.http('health', {
  route: 'api/health',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: apiHandler(() => handleHealth(probesFor(coreDependencies()))),
});
