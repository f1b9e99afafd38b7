import { app } from '@azure/functions';
import { identitySettings, tokenVerifier } from '../authentication.js';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { handleValidateToken } from './validate-token-handler.js';

coreSettings();
identitySettings();

app.http('validate-token', {
  route: 'api/validate-token',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: (request) =>
    handleValidateToken(
      { verify: (header) => tokenVerifier().verifyAuthorizationHeader(header), audit: coreDependencies().database },
      request.headers.get('authorization'),
    ),
});
