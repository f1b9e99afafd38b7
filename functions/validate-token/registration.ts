/** The validate-token route, registered with the dependencies the caller binds (index.ts: the real ones). */
import { app } from '@azure/functions';
import { apiHandler } from '../http-kit/api-handler.js';
import { handleValidateToken, type ValidateTokenDependencies } from './validate-token-handler.js';

export function registerValidateToken(dependencies: () => ValidateTokenDependencies): void {
  app.http('validate-token', {
    route: 'api/validate-token',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: apiHandler((request) => handleValidateToken(dependencies(), request)),
  });
}
