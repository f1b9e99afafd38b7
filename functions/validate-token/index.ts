import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import { identitySettings, tokenVerifier } from '../http-kit/verifier.js';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { handleValidateToken } from './validate-token-handler.js';

coreSettings();
identitySettings();

app.http('validate-token', {
  route: 'api/validate-token',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: apiHandler((request) =>
    handleValidateToken({ verifier: tokenVerifier(), audit: coreDependencies().database }, request),
  ),
});
